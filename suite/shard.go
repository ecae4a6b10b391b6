package suite

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one part of a suite split over N machines (--shard I/N): cases in
// canonical order (suite files in the order given, cases in file order, after any
// name filter) are dealt round-robin, case k (0-based) to shard k mod N + 1. The
// shards are disjoint, their union is the whole suite, their sizes differ by at
// most one, and a case's shard depends only on its position.
type Shard struct {
	I, N int // 1 <= I <= N
}

// ParseShard parses "I/N".
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || strings.ContainsAny(s, "+- ") {
		return Shard{}, fmt.Errorf("invalid --shard %q: use I/N, e.g. 2/4 for the second of four shards", s)
	}
	if n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("invalid --shard %q: need 1 <= I <= N", s)
	}
	return Shard{I: i, N: n}, nil
}

// Has reports whether the case at canonical position k (0-based) is in the shard.
func (s Shard) Has(k int) bool {
	if s.N <= 1 {
		return true
	}
	return k%s.N+1 == s.I
}

// Select returns the items of the shard, in order.
func Select[T any](items []T, s Shard) []T {
	var out []T
	for k, it := range items {
		if s.Has(k) {
			out = append(out, it)
		}
	}
	return out
}
