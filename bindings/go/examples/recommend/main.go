// Command recommend trains the seed preset on a MovieLens ML-100K split, prints the test RMSE
// and the movies the model rates highest among those a user has not rated.
//
//	go run ./examples/recommend -data "$SAE_DATA_DIR" -epochs 200 -user 1
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	sae "github.com/libsae/sae-go"
)

func main() {
	data := flag.String("data", os.Getenv("SAE_DATA_DIR"), "ML-100K folder (default $SAE_DATA_DIR)")
	split := flag.String("split", "u1", "split to train on (NAME.base) and score on (NAME.test)")
	epochs := flag.Int("epochs", 0, "epochs to train; 0 keeps the preset's 200")
	user := flag.Int("user", 1, "user id to recommend for")
	top := flag.Int("top", 10, "number of recommendations")
	flag.Parse()

	if err := run(*data, *split, *epochs, *user, *top); err != nil {
		fmt.Fprintln(os.Stderr, "recommend:", err)
		os.Exit(1)
	}
}

func run(dir, split string, epochs, user, top int) error {
	if dir == "" {
		return fmt.Errorf("no data folder: pass -data or set SAE_DATA_DIR")
	}
	train, test, err := sae.LoadSplit(dir, split)
	if err != nil {
		return err
	}
	defer train.Close()
	defer test.Close()

	model, err := trainSeed(train, epochs)
	if err != nil {
		return err
	}
	defer model.Close()

	rmse, err := model.RMSE(train, test)
	if err != nil {
		return err
	}
	fmt.Printf("test RMSE on %s.test: %.4f\n", split, rmse)

	titles, err := readTitles(filepath.Join(dir, "u.item"))
	if err != nil {
		return err
	}
	return recommend(model, train, titles, user, top)
}

func trainSeed(train *sae.Dataset, epochs int) (*sae.Model, error) {
	opts, err := sae.Preset("seed")
	if err != nil {
		return nil, err
	}
	if epochs > 0 {
		opts.Epochs = uint32(epochs)
	}
	model, err := sae.New(opts)
	if err != nil {
		return nil, err
	}

	err = model.Fit(train, func(r sae.EpochReport) bool {
		if r.Epoch%20 == 0 || r.Epoch == r.Epochs {
			fmt.Fprintf(os.Stderr, "epoch %d/%d: train loss %.4f\n", r.Epoch, r.Epochs, r.TrainLoss)
		}
		return true
	})
	if err != nil {
		model.Close()
		return nil, err
	}
	return model, nil
}

// recommend prints the best-predicted movies among those the user did not rate in train.
func recommend(model *sae.Model, train *sae.Dataset, titles map[int]string, user, top int) error {
	known, err := train.UserRow(user)
	if err != nil {
		return err
	}
	predicted, err := model.Predict(known)
	if err != nil {
		return err
	}

	var unrated []int
	for j, rating := range known {
		if rating == 0 {
			unrated = append(unrated, j)
		}
	}
	// Ties go to the lower id, so the list does not depend on the sort's whims.
	sort.SliceStable(unrated, func(a, b int) bool {
		return predicted[unrated[a]] > predicted[unrated[b]]
	})
	if top > len(unrated) {
		top = len(unrated)
	}

	fmt.Printf("top %d for user %d:\n", top, user)
	for rank, j := range unrated[:top] {
		title, ok := titles[j+1]
		if !ok {
			title = "(not listed in u.item)"
		}
		fmt.Printf("%2d. %.2f  %s\n", rank+1, predicted[j], title)
	}
	return nil
}

// readTitles maps movie ids to titles from u.item ("id|title|..."), which is Latin-1.
func readTitles(path string) (map[int]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()

	titles := make(map[int]string)
	lines := bufio.NewScanner(file)
	for lines.Scan() {
		fields := strings.SplitN(latin1ToUTF8(lines.Bytes()), "|", 3)
		if len(fields) < 2 {
			continue
		}
		if id, err := strconv.Atoi(fields[0]); err == nil {
			titles[id] = fields[1]
		}
	}
	return titles, lines.Err()
}

// latin1ToUTF8 decodes Latin-1, where every byte is the code point of the same value.
func latin1ToUTF8(text []byte) string {
	runes := make([]rune, len(text))
	for i, b := range text {
		runes[i] = rune(b)
	}
	return string(runes)
}
