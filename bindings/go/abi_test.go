package sae

import (
	"reflect"
	"testing"
)

// The options this package compiled against must be the ones the library fills, field by field.
func TestOptionsLayoutMatchesLibrary(t *testing.T) {
	if err := checkOptionsLayout(); err != nil {
		t.Fatal(err)
	}
	if _, err := DefaultOptions(); err != nil {
		t.Fatal(err)
	}

	// The seed preset is the reference notebook's configuration, fixed for good, so its values
	// read through the C field offsets show any shifted field.
	opts, err := Preset("seed")
	if err != nil {
		t.Fatal(err)
	}
	want := []uint32{20, 10, 20}
	if len(opts.HiddenSizes) != len(want) {
		t.Fatalf("hidden sizes %v, want %v", opts.HiddenSizes, want)
	}
	for i := range want {
		if opts.HiddenSizes[i] != want[i] || opts.HiddenActivations[i] != Sigmoid {
			t.Errorf("layer %d: size %d activation %d, want %d sigmoid", i,
				opts.HiddenSizes[i], opts.HiddenActivations[i], want[i])
		}
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"output activation", float64(opts.OutputActivation), float64(Identity)},
		{"optimizer", float64(opts.Optimizer), float64(RMSprop)},
		{"learning rate", opts.LearningRate, 0.01},
		{"weight decay", opts.WeightDecay, 0.5},
		{"rmsprop alpha", opts.RMSpropAlpha, 0.99},
		{"epsilon", opts.Epsilon, 1e-8},
		{"epochs", float64(opts.Epochs), 200},
		{"seed", float64(opts.Seed), 1},
		{"threads", float64(opts.Threads), 0},
		{"rating min", opts.RatingMin, 1},
		{"rating max", opts.RatingMax, 5},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %g, want %g", c.name, c.got, c.want)
		}
	}
	if opts.Orientation != UserRows || opts.BatchSize != 0 {
		t.Errorf("orientation %d batch size %d, want user rows, one user per step",
			opts.Orientation, opts.BatchSize)
	}
	if !opts.AccumulateGradients || opts.ClipPredictions {
		t.Errorf("accumulate %v clip %v, want true false", opts.AccumulateGradients,
			opts.ClipPredictions)
	}
}

// Options survive the trip to C and back unchanged, every field in its own place.
func TestOptionsRoundTrip(t *testing.T) {
	in := &Options{
		HiddenSizes:         []uint32{7, 5},
		HiddenActivations:   []Activation{Tanh, ELU},
		OutputActivation:    Sigmoid,
		Optimizer:           RMSprop,
		LearningRate:        0.25,
		WeightDecay:         0.125,
		RMSpropAlpha:        0.75,
		Epsilon:             1e-6,
		Epochs:              3,
		AccumulateGradients: false,
		Seed:                1 << 40,
		Threads:             2,
		ClipPredictions:     true,
		RatingMin:           0.5,
		RatingMax:           10,
		Orientation:         ItemRows,
		BatchSize:           16,
		L2:                  2,
		InputDropout:        0.1,
		HiddenDropout:       0.2,
		Momentum:            0.5,
		Beta2:               0.9,
		ValidationFraction:  0.05,
		Patience:            4,
		EnsembleSize:        3,
	}
	c, err := in.toC()
	if err != nil {
		t.Fatal(err)
	}
	out := optionsFromC(&c)

	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip gave %+v, want %+v", *out, *in)
	}
}
