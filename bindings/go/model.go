package sae

// #include <stdlib.h>
// #include <sae.h>
import "C"

import (
	"runtime"
	"unsafe"
)

// Model is a stacked autoencoder: created untrained by New, or read back by Load.
type Model struct {
	ptr *C.sae_model
}

// Metrics is the accuracy of a model on held-out ratings.
type Metrics struct {
	// Users is the number of users with at least one target rating.
	Users int
	// Ratings is the number of target ratings scored.
	Ratings int
	// RMSE is the root mean squared error over all target ratings.
	RMSE float64
	// MAE is the mean absolute error over all target ratings.
	MAE float64
	// MeanUserRMSE is the mean over users of each user's RMSE: the notebook's test loss.
	MeanUserRMSE float64
}

func newModel(ptr *C.sae_model) *Model {
	m := &Model{ptr: ptr}
	runtime.SetFinalizer(m, (*Model).Close)
	return m
}

// New creates an untrained model; nil options mean DefaultOptions. The input and output width
// come from the first data set given to Fit.
func New(opts *Options) (*Model, error) {
	if opts == nil {
		var err error
		if opts, err = DefaultOptions(); err != nil {
			return nil, err
		}
	}
	copts, err := opts.toC()
	if err != nil {
		return nil, err
	}

	var ptr *C.sae_model
	if err := call(func() C.int { return C.sae_create(&ptr, &copts) }); err != nil {
		return nil, err
	}
	return newModel(ptr), nil
}

// Load reads a model written by Save, from this or any other language's binding.
func Load(path string) (*Model, error) {
	if err := checkOptionsLayout(); err != nil {
		return nil, err
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))

	var ptr *C.sae_model
	if err := call(func() C.int { return C.sae_load(&ptr, cpath) }); err != nil {
		return nil, err
	}
	return newModel(ptr), nil
}

// Close releases the model. It is safe to call more than once and always returns nil.
func (m *Model) Close() error {
	if m.ptr != nil {
		C.sae_free(m.ptr)
		m.ptr = nil
	}
	runtime.SetFinalizer(m, nil)
	return nil
}

// Save writes the trained model to path atomically: a failure leaves no partial file.
func (m *Model) Save(path string) error {
	if m.ptr == nil {
		return closedError("model")
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))

	err := call(func() C.int { return C.sae_save(m.ptr, cpath) })
	runtime.KeepAlive(m)
	return err
}

// NItems is the number of items the model reads and predicts; 0 before training.
func (m *Model) NItems() int {
	n := int(C.sae_model_n_items(m.ptr))
	runtime.KeepAlive(m)
	return n
}

// Options returns the options the model was created or loaded with.
func (m *Model) Options() (*Options, error) {
	if m.ptr == nil {
		return nil, closedError("model")
	}

	// Only the struct_size this package was compiled with goes to C, and New or Load checked
	// that the library agrees with it.
	opts := C.sae_options{struct_size: C.sizeof_sae_options}
	err := call(func() C.int { return C.sae_model_options(&opts, m.ptr) })
	runtime.KeepAlive(m)
	if err != nil {
		return nil, err
	}
	return optionsFromC(&opts), nil
}

// Predict returns every item's predicted rating for one user, from a dense row of that user's
// known ratings (NItems values, 0 where not rated). Safe to call from several goroutines.
// A model trained on ItemRows needs every user's ratings instead: use PredictUsers.
func (m *Model) Predict(ratings []float32) ([]float32, error) {
	// An untrained model has no width yet; sizing the output from the input lets libsae report
	// that state rather than an empty output.
	n := m.NItems()
	if n == 0 {
		n = len(ratings)
	}
	out := make([]float32, n)
	if err := m.PredictInto(out, ratings); err != nil {
		return nil, err
	}
	return out, nil
}

// PredictInto is Predict writing into dst, whose length must be NItems; it allocates nothing.
func (m *Model) PredictInto(dst, ratings []float32) error {
	if m.ptr == nil {
		return closedError("model")
	}

	err := call(func() C.int {
		return C.sae_predict((*C.float)(first(dst)), C.size_t(len(dst)), m.ptr,
			(*C.float)(first(ratings)), C.size_t(len(ratings)))
	})
	runtime.KeepAlive(m)
	return err
}

// PredictUsers predicts full rows for several users, each from that user's ratings in input.
// The result is row-major: len(userIDs) rows of NItems values.
func (m *Model) PredictUsers(input *Dataset, userIDs []uint32) ([]float32, error) {
	if m.ptr == nil {
		return nil, closedError("model")
	}
	if input.ptr == nil {
		return nil, closedError("dataset")
	}

	out := make([]float32, len(userIDs)*m.NItems())
	err := call(func() C.int {
		return C.sae_predict_users((*C.float)(first(out)), C.size_t(len(out)), m.ptr, input.ptr,
			(*C.uint32_t)(first(userIDs)), C.size_t(len(userIDs)))
	})
	runtime.KeepAlive(m)
	runtime.KeepAlive(input)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Evaluate scores the model: each target user's row is predicted from that user's ratings in
// input (the training set) and compared with target (the test set).
func (m *Model) Evaluate(input, target *Dataset) (Metrics, error) {
	if m.ptr == nil {
		return Metrics{}, closedError("model")
	}
	if input.ptr == nil || target.ptr == nil {
		return Metrics{}, closedError("dataset")
	}

	metrics := C.sae_metrics{struct_size: C.sizeof_sae_metrics}
	err := call(func() C.int { return C.sae_evaluate(&metrics, m.ptr, input.ptr, target.ptr) })
	runtime.KeepAlive(m)
	runtime.KeepAlive(input)
	runtime.KeepAlive(target)
	if err != nil {
		return Metrics{}, err
	}
	return Metrics{
		Users:        int(metrics.n_users),
		Ratings:      int(metrics.n_ratings),
		RMSE:         float64(metrics.rmse),
		MAE:          float64(metrics.mae),
		MeanUserRMSE: float64(metrics.mean_user_rmse),
	}, nil
}

// RMSE is the root mean squared error over all target ratings; see Evaluate.
func (m *Model) RMSE(input, target *Dataset) (float64, error) {
	if m.ptr == nil {
		return 0, closedError("model")
	}
	if input.ptr == nil || target.ptr == nil {
		return 0, closedError("dataset")
	}

	var rmse C.double
	err := call(func() C.int { return C.sae_rmse(&rmse, m.ptr, input.ptr, target.ptr) })
	runtime.KeepAlive(m)
	runtime.KeepAlive(input)
	runtime.KeepAlive(target)
	return float64(rmse), err
}
