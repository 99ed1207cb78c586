package main

import (
	"os"
	"path/filepath"
	"testing"
)

// u.item is Latin-1: byte 0xE9 is "é", which UTF-8 spells as two bytes.
func TestReadTitlesDecodesLatin1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "u.item")
	content := "1|Plain Title (1990)|01-Jan-1990||http://x|0\n" +
		"2|Caf\xe9 Story (1990)|01-Jan-1990||http://x|0\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	titles, err := readTitles(path)

	if err != nil {
		t.Fatal(err)
	}
	if titles[1] != "Plain Title (1990)" || titles[2] != "Café Story (1990)" {
		t.Errorf("titles %q", titles)
	}
}
