package sae

// The exported callback lives alone in this file: cgo copies the preamble of a file with an
// export into a generated header, so that preamble may hold declarations only.

// #include <stdint.h>
// #include <sae.h>
import "C"

import (
	"runtime/cgo"
	"time"
	"unsafe"
)

// saeGoProgress is the C progress callback. A panic must not unwind through libsae's C++
// frames, so it is caught here and turned into a request to stop.
//
//export saeGoProgress
func saeGoProgress(report *C.sae_epoch_report, handle C.uintptr_t) C.int {
	state := cgo.Handle(handle).Value().(*fitState)
	goOn := state.report(epochReportFromC(report))
	if goOn {
		return 0
	}
	return 1
}

func epochReportFromC(r *C.sae_epoch_report) EpochReport {
	out := EpochReport{
		Epoch:        int(r.epoch),
		Epochs:       int(r.n_epochs),
		UsersTrained: int(r.n_users_trained),
		TrainLoss:    float64(r.train_loss),
		Elapsed:      time.Duration(float64(r.elapsed_seconds) * float64(time.Second)),
	}

	// An older library fills a shorter report; only read what its struct_size covers.
	end := unsafe.Offsetof(r.ensemble_member) + unsafe.Sizeof(r.ensemble_member)
	if uintptr(r.struct_size) >= end {
		out.ValidationRMSE = float64(r.validation_rmse)
		out.BestEpoch = int(r.best_epoch)
		out.EnsembleMember = int(r.ensemble_member)
	}
	return out
}

// report calls the user's function, keeping any panic for Fit to raise again.
func (s *fitState) report(r EpochReport) (goOn bool) {
	defer func() {
		if v := recover(); v != nil {
			s.panicked = true
			s.panicVal = v
			goOn = false
		}
	}()

	return s.progress(r)
}
