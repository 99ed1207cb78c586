package sae

// #include <stdlib.h>
// #include <sae.h>
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Dataset is an immutable set of (user, item, rating) triples with a shape of
// NUsers × NItems. Ids are 1-based, as in MovieLens. Models never keep a reference to a
// Dataset, so it may be closed as soon as the call that used it returns.
type Dataset struct {
	ptr *C.sae_dataset
}

func newDataset(ptr *C.sae_dataset) *Dataset {
	d := &Dataset{ptr: ptr}
	runtime.SetFinalizer(d, (*Dataset).Close)
	return d
}

// LoadDataset reads a ratings file in the MovieLens u.data format (user, item, rating and an
// optional timestamp per line, separated by tabs, spaces, commas or "::").
func LoadDataset(path string) (*Dataset, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))

	var ptr *C.sae_dataset
	if err := call(func() C.int { return C.sae_dataset_load(&ptr, cpath) }); err != nil {
		return nil, err
	}
	return newDataset(ptr), nil
}

// LoadSplit reads dir/name.base and dir/name.test (a MovieLens split such as "u1") with one
// shared shape, so that a model trained on the first can be scored on the second.
func LoadSplit(dir, name string) (train, test *Dataset, err error) {
	cdir := C.CString(dir)
	defer C.free(unsafe.Pointer(cdir))
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))

	var trainPtr, testPtr *C.sae_dataset
	err = call(func() C.int { return C.sae_dataset_load_split(&trainPtr, &testPtr, cdir, cname) })
	if err != nil {
		return nil, nil, err
	}
	return newDataset(trainPtr), newDataset(testPtr), nil
}

// NewDataset builds a data set from three parallel slices, which are only read during the call.
func NewDataset(users, items []uint32, ratings []float32) (*Dataset, error) {
	if len(items) != len(users) || len(ratings) != len(users) {
		return nil, &Error{Status: ErrInvalidArgument, Message: fmt.Sprintf(
			"dataset: %d users, %d items and %d ratings; the slices need the same length",
			len(users), len(items), len(ratings))}
	}

	var ptr *C.sae_dataset
	err := call(func() C.int {
		return C.sae_dataset_from_arrays(&ptr, (*C.uint32_t)(first(users)),
			(*C.uint32_t)(first(items)), (*C.float)(first(ratings)), C.size_t(len(users)))
	})
	if err != nil {
		return nil, err
	}
	return newDataset(ptr), nil
}

// Close releases the data set. It is safe to call more than once and always returns nil.
func (d *Dataset) Close() error {
	if d.ptr != nil {
		C.sae_dataset_free(d.ptr)
		d.ptr = nil
	}
	runtime.SetFinalizer(d, nil)
	return nil
}

// NUsers is the number of users (rows); 0 after Close.
func (d *Dataset) NUsers() int {
	n := int(C.sae_dataset_n_users(d.ptr))
	runtime.KeepAlive(d)
	return n
}

// NItems is the number of items (columns); 0 after Close.
func (d *Dataset) NItems() int {
	n := int(C.sae_dataset_n_items(d.ptr))
	runtime.KeepAlive(d)
	return n
}

// NRatings is the number of ratings stored; 0 after Close.
func (d *Dataset) NRatings() int {
	n := int(C.sae_dataset_n_ratings(d.ptr))
	runtime.KeepAlive(d)
	return n
}

// Resize widens the shape, for instance to match a model or another data set.
func (d *Dataset) Resize(nUsers, nItems int) error {
	if d.ptr == nil {
		return closedError("dataset")
	}

	err := call(func() C.int {
		return C.sae_dataset_resize(d.ptr, C.uint32_t(nUsers), C.uint32_t(nItems))
	})
	runtime.KeepAlive(d)
	return err
}

// UserRow returns one user's ratings as a dense row of NItems values, 0 where not rated;
// index j holds item id j + 1.
func (d *Dataset) UserRow(userID int) ([]float32, error) {
	row := make([]float32, d.NItems())
	if err := d.UserRowInto(row, userID); err != nil {
		return nil, err
	}
	return row, nil
}

// UserRowInto is UserRow writing into dst, whose length must be NItems.
func (d *Dataset) UserRowInto(dst []float32, userID int) error {
	if d.ptr == nil {
		return closedError("dataset")
	}

	err := call(func() C.int {
		return C.sae_dataset_user_row((*C.float)(first(dst)), C.size_t(len(dst)), d.ptr,
			C.uint32_t(userID))
	})
	runtime.KeepAlive(d)
	return err
}

// first points at a slice's first element, or is nil for an empty slice; C then reports the
// size mismatch itself. Slices of numbers hold no Go pointers, so cgo lets C read and write
// them in place for the duration of a call, and libsae never keeps them.
func first[T uint32 | float32](s []T) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}
