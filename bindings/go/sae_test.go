package sae_test

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	sae "github.com/libsae/sae-go"
)

// tinyRatings is the small made-up ratings file shared with the C tests.
func tinyRatings(t *testing.T) string {
	if path := os.Getenv("SAE_TINY_RATINGS"); path != "" {
		return path
	}
	return filepath.Join("..", "..", "tests", "data", "tiny.data")
}

// referenceFiles are the model saved from C and its predictions; the meson test always sets
// them, and only a developer running 'go test' by hand may lack them.
func referenceFiles(t *testing.T) (model, predictions string) {
	model = os.Getenv("SAE_REFERENCE_MODEL")
	predictions = os.Getenv("SAE_REFERENCE_PREDICTIONS")
	if model == "" || predictions == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SAE_REFERENCE_MODEL and SAE_REFERENCE_PREDICTIONS must be set under CI")
		}
		t.Skip("SAE_REFERENCE_MODEL or SAE_REFERENCE_PREDICTIONS unset; run through meson test")
	}
	return model, predictions
}

func loadTiny(t *testing.T) *sae.Dataset {
	data, err := sae.LoadDataset(tinyRatings(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	return data
}

// tinyOptions is the notebook's user-based trainer with one small hidden layer; Predict needs
// user rows.
func tinyOptions(t *testing.T, epochs uint32) *sae.Options {
	opts, err := sae.Preset("seed")
	if err != nil {
		t.Fatal(err)
	}
	opts.HiddenSizes = []uint32{3}
	opts.HiddenActivations = []sae.Activation{sae.Sigmoid}
	opts.Epochs = epochs
	opts.Seed = 7
	return opts
}

func trainTiny(t *testing.T, data *sae.Dataset) *sae.Model {
	model, err := sae.New(tinyOptions(t, 20))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { model.Close() })
	if err := model.Fit(data, nil); err != nil {
		t.Fatal(err)
	}
	return model
}

func predictAll(t *testing.T, model *sae.Model, data *sae.Dataset) [][]float32 {
	rows := make([][]float32, data.NUsers())
	for u := range rows {
		row, err := data.UserRow(u + 1)
		if err != nil {
			t.Fatal(err)
		}
		if rows[u], err = model.Predict(row); err != nil {
			t.Fatal(err)
		}
	}
	return rows
}

func sameBits(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

func TestTrainPredictAndScore(t *testing.T) {
	data := loadTiny(t)
	if data.NRatings() != 12 || data.NItems() != 8 {
		t.Fatalf("tiny set: %d ratings, %d items; want 12 and 8", data.NRatings(), data.NItems())
	}
	model := trainTiny(t, data)

	if model.NItems() != data.NItems() {
		t.Fatalf("model reads %d items, data has %d", model.NItems(), data.NItems())
	}
	for u, row := range predictAll(t, model, data) {
		for j, p := range row {
			if math.IsNaN(float64(p)) || math.IsInf(float64(p), 0) {
				t.Fatalf("user %d item %d: prediction %g", u+1, j+1, p)
			}
		}
	}

	rmse, err := model.RMSE(data, data)
	if err != nil {
		t.Fatal(err)
	}
	metrics, err := model.Evaluate(data, data)
	if err != nil {
		t.Fatal(err)
	}
	// Ratings are 1 to 5, so any sane model is within 4 of them; RMSE and Evaluate must agree.
	if !(rmse > 0 && rmse < 4) || metrics.RMSE != rmse || metrics.Ratings != 12 {
		t.Errorf("RMSE %g, metrics %+v", rmse, metrics)
	}
}

func TestPredictUsersMatchesPredict(t *testing.T) {
	data := loadTiny(t)
	model := trainTiny(t, data)
	single := predictAll(t, model, data)

	ids := []uint32{3, 1}
	batch, err := model.PredictUsers(data, ids)
	if err != nil {
		t.Fatal(err)
	}
	// The batch goes through matrix products rather than one row at a time, so the last bits
	// may differ: 1e-5 relative is a few float roundings.
	n := model.NItems()
	for k, id := range ids {
		for j := 0; j < n; j++ {
			got, want := float64(batch[k*n+j]), float64(single[id-1][j])
			if math.Abs(got-want) > 1e-5*math.Max(1, math.Abs(want)) {
				t.Errorf("user %d item %d: batch %g, single %g", id, j+1, got, want)
			}
		}
	}
}

func TestSaveAndLoad(t *testing.T) {
	data := loadTiny(t)
	model := trainTiny(t, data)
	path := filepath.Join(t.TempDir(), "tiny.sae")

	if err := model.Save(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := sae.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()

	want, got := predictAll(t, model, data), predictAll(t, loaded, data)
	for u := range want {
		if !sameBits(want[u], got[u]) {
			t.Errorf("user %d: saved model predicts %v, loaded %v", u+1, want[u], got[u])
		}
	}
	opts, err := loaded.Options()
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.HiddenSizes) != 1 || opts.HiddenSizes[0] != 3 || opts.Seed != 7 {
		t.Errorf("loaded options %+v", opts)
	}
}

func TestMissingFileNamesIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-ratings.data")

	_, err := sae.LoadDataset(path)

	if !errors.Is(err, sae.ErrIO) {
		t.Fatalf("got %v, want an I/O error", err)
	}
	var saeErr *sae.Error
	if !errors.As(err, &saeErr) || !strings.Contains(saeErr.Message, path) {
		t.Fatalf("message %q does not name %s", err, path)
	}
	if errors.Is(err, sae.ErrParse) {
		t.Errorf("an I/O error also matches ErrParse")
	}
}

func TestMalformedFileNamesFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.data")
	if err := os.WriteFile(path, []byte("1\t2\t4\n1\tx\t3\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := sae.LoadDataset(path)

	if !errors.Is(err, sae.ErrParse) || !strings.Contains(err.Error(), path) ||
		!strings.Contains(err.Error(), "2") {
		t.Fatalf("got %v, want a parse error naming %s and line 2", err, path)
	}
}

func TestBadLoadsAndArguments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not-a-model.sae")
	if err := os.WriteFile(path, []byte("certainly not a model"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sae.Load(path); !errors.Is(err, sae.ErrFormat) {
		t.Errorf("loading garbage: %v, want a format error", err)
	}
	if _, err := sae.NewDataset([]uint32{1}, []uint32{1, 2}, []float32{3}); !errors.Is(err,
		sae.ErrInvalidArgument) {
		t.Errorf("slices of different lengths: %v", err)
	}
	if _, err := sae.NewDataset([]uint32{1}, []uint32{0}, []float32{3}); !errors.Is(err,
		sae.ErrInvalidArgument) {
		t.Errorf("item id 0: %v", err)
	}
	if _, err := sae.Preset("no-such-preset"); err == nil ||
		!strings.Contains(err.Error(), "no-such-preset") {
		t.Errorf("unknown preset: %v", err)
	}
}

func TestUntrainedAndWrongSizes(t *testing.T) {
	data := loadTiny(t)
	model, err := sae.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer model.Close()
	if _, err := model.Predict(make([]float32, 8)); !errors.Is(err, sae.ErrState) {
		t.Errorf("untrained model predicted: %v", err)
	}

	trained := trainTiny(t, data)
	if err := trained.PredictInto(make([]float32, 8), make([]float32, 7)); !errors.Is(err,
		sae.ErrDimension) {
		t.Errorf("7 ratings for 8 items: %v", err)
	}
	if err := trained.PredictInto(make([]float32, 8), nil); err == nil {
		t.Error("no ratings at all predicted without error")
	}
}

func TestUseAfterClose(t *testing.T) {
	data := loadTiny(t)
	model := trainTiny(t, data)
	model.Close()
	model.Close()

	if _, err := model.Predict(make([]float32, 8)); !errors.Is(err, sae.ErrInvalidArgument) {
		t.Errorf("predict after Close: %v", err)
	}
	if err := model.Save(filepath.Join(t.TempDir(), "closed.sae")); err == nil {
		t.Error("save after Close succeeded")
	}
	data.Close()
	if data.NUsers() != 0 {
		t.Error("a closed data set still has users")
	}
	if _, err := data.UserRow(1); err == nil {
		t.Error("user row after Close succeeded")
	}
}

func TestCancelledFitKeepsUsableModel(t *testing.T) {
	data := loadTiny(t)
	model, err := sae.New(tinyOptions(t, 50))
	if err != nil {
		t.Fatal(err)
	}
	defer model.Close()

	var reports []sae.EpochReport
	err = model.Fit(data, func(r sae.EpochReport) bool {
		reports = append(reports, r)
		return r.Epoch < 3
	})

	if !errors.Is(err, sae.ErrCancelled) {
		t.Fatalf("got %v, want cancelled", err)
	}
	if len(reports) != 3 || reports[2].Epoch != 3 || reports[2].Epochs != 50 ||
		reports[0].UsersTrained == 0 {
		t.Errorf("reports %+v", reports)
	}
	row, err := data.UserRow(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := model.Predict(row); err != nil {
		t.Errorf("model unusable after cancel: %v", err)
	}
}

func TestPanicInProgressIsRaisedAfterFit(t *testing.T) {
	data := loadTiny(t)
	model, err := sae.New(tinyOptions(t, 5))
	if err != nil {
		t.Fatal(err)
	}
	defer model.Close()

	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the callback's panic", r)
		}
		// Training stopped cleanly, so the model is still usable.
		if _, err := model.Predict(make([]float32, 8)); err != nil {
			t.Errorf("model unusable after a panic in the callback: %v", err)
		}
	}()
	_ = model.Fit(data, func(sae.EpochReport) bool { panic("boom") })
	t.Error("Fit returned instead of panicking")
}

func TestConcurrentPredict(t *testing.T) {
	data := loadTiny(t)
	model := trainTiny(t, data)
	want := predictAll(t, model, data)

	const goroutines, rounds = 8, 200
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			out := make([]float32, model.NItems())
			for r := 0; r < rounds; r++ {
				user := (g+r)%len(want) + 1
				row, err := data.UserRow(user)
				if err == nil {
					err = model.PredictInto(out, row)
				}
				if err == nil && !sameBits(out, want[user-1]) {
					err = fmt.Errorf("user %d: %v, want %v", user, out, want[user-1])
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)

	for err := range errs {
		t.Error(err)
	}
}

// A model saved from C loads here and predicts, for every user, the very bits C printed.
func TestReferenceModelFromC(t *testing.T) {
	modelPath, predictionsPath := referenceFiles(t)
	want := readPredictions(t, predictionsPath)
	data := loadTiny(t)
	model, err := sae.Load(modelPath)
	if err != nil {
		t.Fatal(err)
	}
	defer model.Close()

	got := predictAll(t, model, data)

	if len(got) != len(want) {
		t.Fatalf("%d users here, %d in %s", len(got), len(want), predictionsPath)
	}
	for u := range want {
		if !sameBits(got[u], want[u]) {
			t.Errorf("user %d: Go predicts %v, C predicted %v", u+1, got[u], want[u])
		}
	}
}

// readPredictions parses "n_users n_items" then one line of n_items floats per user.
func readPredictions(t *testing.T, path string) [][]float32 {
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	lines := bufio.NewScanner(file)

	var nUsers, nItems int
	if !lines.Scan() {
		t.Fatalf("%s is empty", path)
	}
	if _, err := fmt.Sscan(lines.Text(), &nUsers, &nItems); err != nil {
		t.Fatalf("%s: header: %v", path, err)
	}
	rows := make([][]float32, 0, nUsers)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) != nItems {
			t.Fatalf("%s: user %d has %d values, want %d", path, len(rows)+1, len(fields), nItems)
		}
		row := make([]float32, nItems)
		for j, field := range fields {
			v, err := strconv.ParseFloat(field, 32)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			row[j] = float32(v)
		}
		rows = append(rows, row)
	}
	if len(rows) != nUsers {
		t.Fatalf("%s: %d rows, header says %d", path, len(rows), nUsers)
	}
	return rows
}
