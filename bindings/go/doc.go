// Package sae trains and queries libsae's stacked autoencoder recommender from Go.
//
// It wraps the libsae C library through cgo and finds it with pkg-config under the name "sae".
// A typical program loads a MovieLens split, trains a model and predicts a user's ratings:
//
//	train, test, err := sae.LoadSplit("data/ml-100k", "u1")
//	...
//	defer train.Close()
//	defer test.Close()
//	model, err := sae.New(nil)
//	...
//	defer model.Close()
//	err = model.Fit(train, nil)
//	rmse, err := model.RMSE(train, test)
//
// Handles (Dataset, Model) own C memory: call Close when done. A finalizer frees a forgotten
// handle, but only whenever the garbage collector gets to it, and models can be large.
//
// Failures are *Error values carrying the Status and libsae's message; test for a kind of
// failure with errors.Is(err, sae.ErrIO) and friends.
//
// Threads: a handle is used by one goroutine at a time, except that Predict, PredictInto,
// PredictUsers, RMSE and Evaluate may run concurrently on one trained model. Close must not
// race with any other call on the same handle.
package sae
