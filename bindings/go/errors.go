package sae

// #cgo pkg-config: sae
// #include <sae.h>
import "C"

import (
	"fmt"
	"runtime"
)

// Status is the kind of a libsae failure. Each value is also an error, so that
// errors.Is(err, sae.ErrCancelled) tells what an *Error is about.
type Status int32

// The failures libsae reports; the values are those of the C library and never change.
const (
	// ErrInvalidArgument: a value out of range, NaN in a slice, a closed handle.
	ErrInvalidArgument = Status(C.SAE_ERR_INVALID_ARGUMENT)
	// ErrOutOfMemory: an allocation failed.
	ErrOutOfMemory = Status(C.SAE_ERR_OUT_OF_MEMORY)
	// ErrIO: a file could not be opened, read or written.
	ErrIO = Status(C.SAE_ERR_IO)
	// ErrParse: a ratings file has a malformed line.
	ErrParse = Status(C.SAE_ERR_PARSE)
	// ErrFormat: a model file is corrupt, truncated or of another format.
	ErrFormat = Status(C.SAE_ERR_FORMAT)
	// ErrVersion: an options layout or file version this build does not know.
	ErrVersion = Status(C.SAE_ERR_VERSION)
	// ErrDimension: the sizes of a model, a data set or a slice disagree.
	ErrDimension = Status(C.SAE_ERR_DIMENSION)
	// ErrState: the model is not in a state that allows the call, such as untrained.
	ErrState = Status(C.SAE_ERR_STATE)
	// ErrCancelled: the progress function stopped training.
	ErrCancelled = Status(C.SAE_ERR_CANCELLED)
	// ErrDiverged: training produced a NaN or infinite loss.
	ErrDiverged = Status(C.SAE_ERR_DIVERGED)
	// ErrInternal: a bug in libsae; the message says where.
	ErrInternal = Status(C.SAE_ERR_INTERNAL)
)

// String is libsae's name for the status, such as "I/O error".
func (s Status) String() string {
	return C.GoString(C.sae_status_string(C.int(s)))
}

// Error makes a Status usable as a sentinel error.
func (s Status) Error() string {
	return "sae: " + s.String()
}

// Error is a failed libsae call: its status and the message libsae gave for it, which names the
// file, line or value at fault where there is one.
type Error struct {
	Status  Status
	Message string
}

func (e *Error) Error() string {
	if e.Message == "" {
		return e.Status.Error()
	}
	return fmt.Sprintf("sae: %s: %s", e.Status.String(), e.Message)
}

// Unwrap lets errors.Is match the Status sentinels.
func (e *Error) Unwrap() error {
	return e.Status
}

// call runs one fallible C call and turns a failure into an *Error.
//
// libsae keeps the message of the last failure per OS thread, so the goroutine stays on one
// thread from the call until the message has been copied; otherwise the scheduler could move
// it and the message read would belong to some other call, or be empty.
func call(f func() C.int) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	status := f()
	if status == C.SAE_OK {
		return nil
	}
	return &Error{Status: Status(status), Message: C.GoString(C.sae_last_error())}
}

// closedError reports the use of a handle after Close, which C would only see as NULL.
func closedError(what string) error {
	return &Error{Status: ErrInvalidArgument, Message: what + " used after Close"}
}

// Version is the version of the libsae library in use, "MAJOR.MINOR.PATCH".
func Version() string {
	return C.GoString(C.sae_version())
}
