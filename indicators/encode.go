package indicators

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed frameworks/*.toml
var embedded embed.FS

// Encode writes f as TOML that [Decode] reads back to an equal framework.
func Encode(w io.Writer, f *Framework) error {
	enc := toml.NewEncoder(w)
	enc.Indent = ""
	return enc.Encode(f)
}

// Hash returns the SHA-256 (hex) of the framework's canonical TOML
// encoding: two frameworks with the same content have the same hash.
func Hash(f *Framework) string {
	var b bytes.Buffer
	if err := Encode(&b, f); err != nil {
		return ""
	}
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])
}

// Embedded lists the names of the embedded frameworks, sorted.
func Embedded() []string {
	ents, _ := fs.ReadDir(embedded, "frameworks")
	var names []string
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(names)
	return names
}

// EmbeddedSource returns the TOML text of an embedded framework.
func EmbeddedSource(name string) ([]byte, error) {
	return fs.ReadFile(embedded, "frameworks/"+name+".toml")
}

// Default is the name of the default embedded framework.
const Default = "ward-unified-2026"
