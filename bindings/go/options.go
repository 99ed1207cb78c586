package sae

// #include <stdlib.h>
// #include <sae.h>
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

// Activation is the function applied after a layer.
type Activation int32

// Activations a layer can use.
const (
	Identity = Activation(C.SAE_ACTIVATION_IDENTITY)
	Sigmoid  = Activation(C.SAE_ACTIVATION_SIGMOID)
	Tanh     = Activation(C.SAE_ACTIVATION_TANH)
	ReLU     = Activation(C.SAE_ACTIVATION_RELU)
	ELU      = Activation(C.SAE_ACTIVATION_ELU)
	SELU     = Activation(C.SAE_ACTIVATION_SELU)
)

// Optimizer is the rule that updates the weights.
type Optimizer int32

// Optimizers training can use.
const (
	RMSprop = Optimizer(C.SAE_OPTIMIZER_RMSPROP)
	SGD     = Optimizer(C.SAE_OPTIMIZER_SGD)   // with heavy-ball momentum
	Adam    = Optimizer(C.SAE_OPTIMIZER_ADAM)  // weight decay added to the gradient
	AdamW   = Optimizer(C.SAE_OPTIMIZER_ADAMW) // weight decay applied to the weights
)

// Orientation says what one row of the autoencoder is.
type Orientation int32

// Orientations a model can train in.
const (
	UserRows = Orientation(C.SAE_ORIENTATION_USER) // a row is a user's ratings of every item
	ItemRows = Orientation(C.SAE_ORIENTATION_ITEM) // a row is an item's ratings by every user
)

// MaxHiddenLayers is the most hidden layers a model can have.
const MaxHiddenLayers = C.SAE_MAX_HIDDEN_LAYERS

// Options shape and train a model. Start from DefaultOptions or Preset and change fields.
//
// This file is the only place that maps Go fields to C ones. A field appended to the C options
// but not yet here keeps the library's default, since conversions start from the defaults.
type Options struct {
	// HiddenSizes holds the width of each hidden layer, input side first (1 to 8 layers).
	HiddenSizes []uint32
	// HiddenActivations holds one Activation per hidden layer.
	HiddenActivations []Activation
	// OutputActivation applies to the output layer.
	OutputActivation Activation
	Optimizer        Optimizer
	LearningRate     float64
	// WeightDecay times each weight is added to its gradient.
	WeightDecay float64
	// RMSpropAlpha smooths the running mean of squared gradients.
	RMSpropAlpha float64
	// Epsilon is added to the RMSprop denominator.
	Epsilon float64
	// Epochs is the most passes over the training rows (users, or items if item-based).
	Epochs uint32
	// AccumulateGradients sums gradients over all steps instead of clearing them, as the
	// reference notebook does.
	AccumulateGradients bool
	// Seed drives the model's own random generator (initial weights).
	Seed uint64
	// Threads of the one-user-per-step trainer, the calling one included; 0 means one per core.
	Threads uint32
	// ClipPredictions clips predictions to [RatingMin, RatingMax].
	ClipPredictions bool
	RatingMin       float64
	RatingMax       float64
	Orientation     Orientation
	// BatchSize is the rows per mini-batch; 0 selects the notebook's one-user-per-step trainer,
	// which supports only RMSprop, user rows and no validation.
	BatchSize uint32
	// L2 is λ of the loss term λ/2 · ‖W‖² over the weights, not the biases.
	L2 float64
	// InputDropout is the chance that an input rating is hidden from a step (denoising).
	InputDropout float64
	// HiddenDropout is the chance that a hidden unit is dropped in a step.
	HiddenDropout float64
	// Momentum is SGD's momentum and Adam's β1.
	Momentum float64
	// Beta2 is Adam's β2.
	Beta2 float64
	// ValidationFraction of the training ratings is held out to pick the best epoch.
	ValidationFraction float64
	// Patience stops training after this many epochs without a better validation RMSE; 0 never.
	Patience uint32
	// EnsembleSize networks, seeded apart, have their predictions averaged.
	EnsembleSize uint32
}

// optionsBufferWords bounds what a newer library may write for its options: 4 KiB, far more
// than any plausible growth of the struct.
const optionsBufferWords = 512

var (
	layoutOnce sync.Once
	layoutErr  error
)

// checkOptionsLayout asks the library for its default options in a generous buffer and compares
// the struct_size it writes with the size this package was compiled with. A libsae built from
// another header would otherwise write past a C.sae_options or read fields at wrong offsets.
func checkOptionsLayout() error {
	layoutOnce.Do(func() {
		var buf [optionsBufferWords]uint64
		C.sae_options_default((*C.sae_options)(unsafe.Pointer(&buf[0])))

		written := *(*uint32)(unsafe.Pointer(&buf[0]))
		if written != uint32(C.sizeof_sae_options) {
			layoutErr = &Error{Status: ErrVersion, Message: fmt.Sprintf(
				"libsae %s fills %d bytes of options but this package was compiled for %d; "+
					"rebuild it against the installed sae.h", Version(), written,
				C.sizeof_sae_options)}
		}
	})
	return layoutErr
}

// defaultCOptions is sae_options_default() made safe against a library of another layout.
func defaultCOptions() (C.sae_options, error) {
	var opts C.sae_options
	if err := checkOptionsLayout(); err != nil {
		return opts, err
	}

	C.sae_options_default(&opts)
	return opts, nil
}

// DefaultOptions returns the library's default options.
func DefaultOptions() (*Options, error) {
	opts, err := defaultCOptions()
	if err != nil {
		return nil, err
	}
	return optionsFromC(&opts), nil
}

// Preset returns a named configuration, such as "default" or "seed" (the reference notebook's
// 1682-20-10-20-1682 sigmoid network, 200 epochs of RMSprop, one user per step).
func Preset(name string) (*Options, error) {
	opts, err := defaultCOptions()
	if err != nil {
		return nil, err
	}

	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	if err := call(func() C.int { return C.sae_options_preset(&opts, cname) }); err != nil {
		return nil, err
	}
	return optionsFromC(&opts), nil
}

func optionsFromC(c *C.sae_options) *Options {
	n := int(c.n_hidden)
	if n > MaxHiddenLayers {
		n = MaxHiddenLayers
	}
	o := &Options{
		HiddenSizes:         make([]uint32, n),
		HiddenActivations:   make([]Activation, n),
		OutputActivation:    Activation(c.output_activation),
		Optimizer:           Optimizer(c.optimizer),
		LearningRate:        float64(c.learning_rate),
		WeightDecay:         float64(c.weight_decay),
		RMSpropAlpha:        float64(c.rmsprop_alpha),
		Epsilon:             float64(c.epsilon),
		Epochs:              uint32(c.epochs),
		AccumulateGradients: c.accumulate_gradients != 0,
		Seed:                uint64(c.seed),
		Threads:             uint32(c.threads),
		ClipPredictions:     c.clip_predictions != 0,
		RatingMin:           float64(c.rating_min),
		RatingMax:           float64(c.rating_max),
		Orientation:         Orientation(c.orientation),
		BatchSize:           uint32(c.batch_size),
		L2:                  float64(c.l2),
		InputDropout:        float64(c.input_dropout),
		HiddenDropout:       float64(c.hidden_dropout),
		Momentum:            float64(c.momentum),
		Beta2:               float64(c.beta2),
		ValidationFraction:  float64(c.validation_fraction),
		Patience:            uint32(c.patience),
		EnsembleSize:        uint32(c.ensemble_size),
	}
	for i := 0; i < n; i++ {
		o.HiddenSizes[i] = uint32(c.hidden_sizes[i])
		o.HiddenActivations[i] = Activation(c.hidden_activations[i])
	}
	return o
}

// toC fills the C options from the defaults, so that fields this package does not know yet
// keep the library's values. Layer lists longer than the C arrays are refused here, since C
// only sees n_hidden.
func (o *Options) toC() (C.sae_options, error) {
	c, err := defaultCOptions()
	if err != nil {
		return c, err
	}

	if len(o.HiddenSizes) > MaxHiddenLayers || len(o.HiddenActivations) != len(o.HiddenSizes) {
		return c, &Error{Status: ErrInvalidArgument, Message: fmt.Sprintf(
			"options: %d hidden sizes and %d activations; both need the same length, at most %d",
			len(o.HiddenSizes), len(o.HiddenActivations), MaxHiddenLayers)}
	}

	c.n_hidden = C.uint32_t(len(o.HiddenSizes))
	for i := range o.HiddenSizes {
		c.hidden_sizes[i] = C.uint32_t(o.HiddenSizes[i])
		c.hidden_activations[i] = C.int32_t(o.HiddenActivations[i])
	}
	c.output_activation = C.int32_t(o.OutputActivation)
	c.optimizer = C.int32_t(o.Optimizer)
	c.learning_rate = C.double(o.LearningRate)
	c.weight_decay = C.double(o.WeightDecay)
	c.rmsprop_alpha = C.double(o.RMSpropAlpha)
	c.epsilon = C.double(o.Epsilon)
	c.epochs = C.uint32_t(o.Epochs)
	c.accumulate_gradients = cBool(o.AccumulateGradients)
	c.seed = C.uint64_t(o.Seed)
	c.threads = C.uint32_t(o.Threads)
	c.clip_predictions = cBool(o.ClipPredictions)
	c.rating_min = C.double(o.RatingMin)
	c.rating_max = C.double(o.RatingMax)
	c.orientation = C.int32_t(o.Orientation)
	c.batch_size = C.uint32_t(o.BatchSize)
	c.l2 = C.double(o.L2)
	c.input_dropout = C.double(o.InputDropout)
	c.hidden_dropout = C.double(o.HiddenDropout)
	c.momentum = C.double(o.Momentum)
	c.beta2 = C.double(o.Beta2)
	c.validation_fraction = C.double(o.ValidationFraction)
	c.patience = C.uint32_t(o.Patience)
	c.ensemble_size = C.uint32_t(o.EnsembleSize)
	return c, nil
}

func cBool(b bool) C.int32_t {
	if b {
		return 1
	}
	return 0
}
