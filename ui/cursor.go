package ui

// cursor is the selected row of a list and the window of rows drawn, for
// every list of the program (records, notices, refused records). Rows are
// counted in items; the owner says how many there are and how many fit.
type cursor struct {
	sel  int // selected item
	top  int // first item drawn
	n    int // items in the list
	room int // items that fit on the screen
}

// setLen changes the number of items, keeping the selection inside.
func (c *cursor) setLen(n int) {
	c.n = n
	c.to(c.sel)
}

// setRoom changes how many items fit, keeping the selection in view.
func (c *cursor) setRoom(room int) {
	c.room = max(room, 1)
	c.scroll()
}

// to selects item i (clamped to the list).
func (c *cursor) to(i int) {
	c.sel = min(max(i, 0), max(c.n-1, 0))
	c.scroll()
}

// move selects the item d rows down (up when negative).
func (c *cursor) move(d int) { c.to(c.sel + d) }

// scroll keeps the selected item in the window and the window full.
func (c *cursor) scroll() {
	room := max(c.room, 1)
	if c.sel < c.top {
		c.top = c.sel
	}
	if c.sel >= c.top+room {
		c.top = c.sel - room + 1
	}
	c.top = max(min(c.top, c.n-room), 0)
}

// window is the range of items drawn, [start, end).
func (c cursor) window() (start, end int) {
	return c.top, min(c.top+max(c.room, 1), c.n)
}
