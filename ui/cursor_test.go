package ui

import "testing"

func TestCursor(t *testing.T) {
	for _, tc := range []struct {
		name            string
		n, room         int
		moves           []int
		sel, start, end int
	}{
		{"empty list", 0, 5, []int{3, -1}, 0, 0, 0},
		{"moves within the window", 10, 5, []int{1, 1}, 2, 0, 5},
		{"scrolls down with the selection", 10, 5, []int{7}, 7, 3, 8},
		{"stops at the last item", 10, 5, []int{100}, 9, 5, 10},
		{"scrolls up again", 10, 5, []int{9, -8}, 1, 1, 6},
		{"stops at the first item", 10, 5, []int{3, -100}, 0, 0, 5},
		{"fewer items than room", 3, 5, []int{2}, 2, 0, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c cursor
			c.setRoom(tc.room)
			c.setLen(tc.n)
			for _, d := range tc.moves {
				c.move(d)
			}
			start, end := c.window()
			if c.sel != tc.sel || start != tc.start || end != tc.end {
				t.Fatalf("sel %d window [%d,%d), want %d [%d,%d)", c.sel, start, end, tc.sel, tc.start, tc.end)
			}
		})
	}
	// A list that shrinks keeps the selection on an item.
	var c cursor
	c.setRoom(4)
	c.setLen(10)
	c.move(9)
	c.setLen(3)
	if s, e := c.window(); c.sel != 2 || s != 0 || e != 3 {
		t.Fatalf("after shrinking: sel %d window [%d,%d)", c.sel, s, e)
	}
}
