package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestZZHang(t *testing.T) {
	entries, _ := os.ReadDir("testdata")
	var seeds [][]byte
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		d, _ := os.ReadFile(filepath.Join("testdata", e.Name()))
		seeds = append(seeds, d)
	}
	p := NewParser(DefaultTaxonomy())
	r := rand.New(rand.NewSource(1))
	for it := 0; it < 3000; it++ {
		d := append([]byte(nil), seeds[r.Intn(len(seeds))]...)
		for k := 0; k < 1+r.Intn(5); k++ {
			switch r.Intn(4) {
			case 0:
				if len(d) > 0 {
					d[r.Intn(len(d))] = byte(r.Intn(256))
				}
			case 1:
				if len(d) > 1 {
					i := r.Intn(len(d))
					j := i + r.Intn(len(d)-i)
					d = append(d[:i], d[j:]...)
				}
			case 2:
				if len(d) > 1 {
					i := r.Intn(len(d))
					j := i + r.Intn(len(d)-i)
					at := r.Intn(len(d))
					chunk := append([]byte(nil), d[i:j]...)
					d = append(d[:at], append(chunk, d[at:]...)...)
				}
			case 3:
				o := seeds[r.Intn(len(seeds))]
				d = append(d, o[:r.Intn(len(o))]...)
			}
		}
		done := make(chan bool)
		go func() {
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				os.WriteFile("/tmp/scratch/hang.bin", d, 0o644)
				buf := make([]byte, 1<<20)
				n := runtime.Stack(buf, true)
				fmt.Println(string(buf[:n]))
				os.Exit(3)
			}
		}()
		start := time.Now()
		p.Parse("fuzz.txt", d)
		p.ParseText(string(d))
		close(done)
		if el := time.Since(start); el > 200*time.Millisecond {
			fmt.Println("slow", it, el, len(d))
		}
	}
}
