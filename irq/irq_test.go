package irq

import (
	"reflect"
	"testing"
)

// The OR gate's output follows the OR of its inputs and is driven only on changes.
func TestOr(t *testing.T) {
	var rec Recorder
	o := NewOr(&rec)
	a, b := o.Input(), o.Input()
	a.Set(true)  // 0 -> 1: drive high
	b.Set(true)  // still 1: nothing
	a.Set(false) // b holds it high: nothing
	b.Set(false) // 1 -> 0: drive low
	b.Set(false) // no change
	a.Set(true)
	if want := []bool{true, false, true}; !reflect.DeepEqual(rec.Levels, want) {
		t.Fatalf("output levels %v, want %v", rec.Levels, want)
	}
	if !o.Level() {
		t.Error("Level() false with input a high")
	}
	NewOr(nil).Input().Set(true) // no output: must not crash
}
