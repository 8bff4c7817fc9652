package radix

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

func TestDescOrder(t *testing.T) {
	// Negative (z-scores), zero, −0, ties and large values sort like the
	// floats they stand for, descending, ties in unit order.
	vals := []float64{-1.5, 2, 0, math.Copysign(0, -1), 2, 1e300, -1e-300, 0.5}
	keys := make([]uint64, len(vals))
	units := make([]int32, len(vals))
	for i, v := range vals {
		keys[i], units[i] = Desc(v), int32(i)
	}
	Sort(keys, units)
	want := []int32{5, 1, 4, 7, 2, 3, 6, 0} // 1e300, 2, 2, 0.5, 0, −0, −1e−300, −1.5
	if diff := gocmp.Diff(want, units); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if Desc(0) != Desc(math.Copysign(0, -1)) || Asc(0) != Asc(math.Copysign(0, -1)) {
		t.Error("0 and −0 differ")
	}
}

// TestAgainstComparison: on random columns (with ties, zeros of both
// signs, infinities, subnormals and whole numbers), Sort with Asc keys
// gives the order of a stable comparison sort on (value, unit), and Floats
// the values sort.Float64s gives, sign of zero aside.
func TestAgainstComparison(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var reused Sorter // one Sorter for every trial, longer and shorter columns in turn
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64, 1, -1}
	for trial := range 300 {
		n := rng.IntN(600)
		x := make([]float64, n)
		for i := range x {
			switch rng.IntN(4) {
			case 0:
				x[i] = special[rng.IntN(len(special))]
			case 1:
				x[i] = float64(rng.IntN(7) - 3)
			case 2:
				x[i] = math.Float64frombits(rng.Uint64())
				if math.IsNaN(x[i]) {
					x[i] = 2.5
				}
			default:
				x[i] = rng.NormFloat64() * 100
			}
		}
		keys, units := make([]uint64, n), make([]int32, n)
		for i, v := range x {
			keys[i], units[i] = Asc(v), int32(i)
		}
		keys2, units2 := slices.Clone(keys), slices.Clone(units)
		Sort(keys, units)
		reused.Sort(keys2, units2)
		if !slices.Equal(keys, keys2) || !slices.Equal(units, units2) {
			t.Fatalf("trial %d: a reused Sorter sorted otherwise", trial)
		}
		want := make([]int32, n)
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(a, b int32) int { return cmp.Compare(x[a], x[b]) })
		if diff := gocmp.Diff(want, units); diff != "" {
			t.Fatalf("trial %d: units (-comparison +radix):\n%s", trial, diff)
		}
		got, ref := slices.Clone(x), slices.Clone(x)
		Floats(got)
		sort.Float64s(ref)
		got2 := slices.Clone(x)
		reused.Floats(got2)
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(got2[i]) {
				t.Fatalf("trial %d: a reused Sorter's Floats[%d] = %v, Floats %v", trial, i, got2[i], got[i])
			}
		}
		for i := range got {
			if got[i] != ref[i] || i > 0 && math.Signbit(got[i-1]) == false && got[i-1] == 0 && got[i] == 0 && math.Signbit(got[i]) {
				t.Fatalf("trial %d: Floats[%d] = %v, sort.Float64s %v (or +0 before −0)", trial, i, got[i], ref[i])
			}
		}
		var bits []uint64
		for _, v := range x {
			bits = append(bits, math.Float64bits(v))
		}
		var back []uint64
		for _, v := range got {
			back = append(back, math.Float64bits(v))
		}
		slices.Sort(bits)
		slices.Sort(back)
		if !slices.Equal(bits, back) {
			t.Fatalf("trial %d: Floats changed a value's bits", trial)
		}
	}
}

// BenchmarkSort: a column of 10,000 values with its units, by radix and
// by comparison (the audit's sortedRows before radix).
func BenchmarkSort(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 10000)
	for i := range x {
		x[i] = math.Round(rng.NormFloat64()*1000) / 10
	}
	b.Run("radix", func(b *testing.B) {
		b.ReportAllocs()
		keys, units := make([]uint64, len(x)), make([]int32, len(x))
		for b.Loop() {
			for i, v := range x {
				keys[i], units[i] = Asc(v), int32(i)
			}
			Sort(keys, units)
		}
	})
	b.Run("comparison", func(b *testing.B) {
		b.ReportAllocs()
		units := make([]int32, len(x))
		for b.Loop() {
			for i := range units {
				units[i] = int32(i)
			}
			slices.SortFunc(units, func(a, b int32) int {
				if c := cmp.Compare(x[a], x[b]); c != 0 {
					return c
				}
				return int(a - b)
			})
		}
	})
	b.Run("floats", func(b *testing.B) {
		b.ReportAllocs()
		y := make([]float64, len(x))
		for b.Loop() {
			copy(y, x)
			Floats(y)
		}
	})
	b.Run("float64s", func(b *testing.B) {
		b.ReportAllocs()
		y := make([]float64, len(x))
		for b.Loop() {
			copy(y, x)
			sort.Float64s(y)
		}
	})
}
