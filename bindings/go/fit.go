package sae

// #include <stdint.h>
// #include <sae.h>
//
// int saeGoProgress(sae_epoch_report *report, uintptr_t handle);
//
// // The exported Go function cannot take a const pointer, so this adapter gives it the exact
// // sae_progress_fn type; the handle travels through user_data as an integer.
// static int sae_go_progress(const sae_epoch_report *report, void *user_data)
// {
//     return saeGoProgress((sae_epoch_report *)report, (uintptr_t)user_data);
// }
//
// static int sae_go_fit(sae_model *model, const sae_dataset *train, uintptr_t handle)
// {
//     return sae_fit(model, train, handle != 0 ? sae_go_progress : NULL, (void *)handle);
// }
import "C"

import (
	"runtime"
	"runtime/cgo"
	"time"
)

// EpochReport is the progress of training after one epoch.
type EpochReport struct {
	// Epoch counts the epochs completed, from 1.
	Epoch int
	// Epochs is the number of epochs requested.
	Epochs int
	// UsersTrained is the number of users that took a step in this epoch.
	UsersTrained int
	// TrainLoss is the mean over users of each user's RMSE before its step.
	TrainLoss float64
	// Elapsed is the time since Fit started.
	Elapsed time.Duration
	// ValidationRMSE is the RMSE on the held-out validation ratings; 0 without validation.
	ValidationRMSE float64
	// BestEpoch has the lowest validation RMSE so far; 0 without validation.
	BestEpoch int
	// EnsembleMember is the network of the ensemble being trained, from 1.
	EnsembleMember int
}

// ProgressFunc is called after every epoch; returning false stops training, and Fit then
// returns an error matching ErrCancelled. It runs on the goroutine that called Fit and must not
// use the model being trained.
type ProgressFunc func(EpochReport) bool

// fitState is what the C callback reaches through its handle.
type fitState struct {
	progress ProgressFunc
	panicked bool
	panicVal interface{}
}

// Fit trains the model on train for the configured number of epochs; progress may be nil.
// A later call trains further from the current weights. After ErrCancelled the model keeps
// the weights of the last finished epoch and stays usable. A panic in progress stops training
// and is raised again by Fit once libsae has returned.
func (m *Model) Fit(train *Dataset, progress ProgressFunc) error {
	if m.ptr == nil {
		return closedError("model")
	}
	if train.ptr == nil {
		return closedError("dataset")
	}

	state := &fitState{progress: progress}
	var handle cgo.Handle
	if progress != nil {
		handle = cgo.NewHandle(state)
		defer handle.Delete()
	}

	err := call(func() C.int { return C.sae_go_fit(m.ptr, train.ptr, C.uintptr_t(handle)) })
	runtime.KeepAlive(m)
	runtime.KeepAlive(train)

	if state.panicked {
		panic(state.panicVal)
	}
	return err
}
