package vntext

import "testing"

func TestForCSV(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Làm việc với xã", "Làm việc với xã"},
		{`=HYPERLINK("http://evil","x")`, `'=HYPERLINK("http://evil","x")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"- một ý", "'- một ý"},
		{"-", "'-"},
		{"-3", "-3"},
		{"+12", "+12"},
		{"-2,5", "-2,5"},
		{"-2.5", "-2.5"},
		{"-2.", "'-2."},
		{"-.5", "'-.5"},
		{"-1e5", "'-1e5"},
		{"3=3", "3=3"},
		{"Nghị định 178/2024", "Nghị định 178/2024"},
	} {
		if got := ForCSV(tc.in); got != tc.want {
			t.Errorf("ForCSV(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
