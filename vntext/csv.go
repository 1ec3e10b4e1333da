package vntext

// ForCSV keeps a spreadsheet from running text as a formula: a cell that
// starts with '=', '+', '-', '@', a tab or a carriage return gets a leading
// apostrophe, as OWASP's CSV injection guidance says. The officer's export
// and HQ's roll-up both write every text cell through it: their CSV is
// opened in Excel, and the text in it was typed by officers. A plain
// number ("-3", "+2,5") is left alone: it is read as a number, not run.
func ForCSV(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if !plainNumber(s[1:]) {
			return "'" + s
		}
	}
	return s
}

// plainNumber reports whether s is digits with at most one decimal point
// or comma between them.
func plainNumber(s string) bool {
	digits, sep := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && !sep && digits > 0 && i < len(s)-1:
			sep = true
		default:
			return false
		}
	}
	return digits > 0
}
