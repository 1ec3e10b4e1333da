package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"
)

// Completion of the path typed in the attach page (Tab), as a shell does
// it: one match is completed (a folder ends with the separator, ready for
// the next name); several complete their common beginning and are listed;
// a leading ~ is the officer's home folder.

// maxShownMatches is how many names of several matches the page lists.
const maxShownMatches = 8

// expandHome makes a leading "~" (alone or before a separator) the home
// folder; any other path is returned as it is.
func expandHome(p, home string) string {
	if home == "" || !strings.HasPrefix(p, "~") {
		return p
	}
	rest := p[1:]
	if rest == "" {
		return home
	}
	if rest[0] == '/' || rest[0] == filepath.Separator {
		return filepath.Join(home, rest[1:]) + trailingSep(rest)
	}
	return p // ~user: left to the officer
}

// trailingSep keeps the separator a path ended with (filepath.Join drops it).
func trailingSep(p string) string {
	if len(p) > 1 && (p[len(p)-1] == '/' || p[len(p)-1] == filepath.Separator) {
		return string(filepath.Separator)
	}
	return ""
}

// completePath completes typed: the new text, and the names of the
// matches when there are several (folders with their separator). A typed
// text that matches nothing, or a folder that cannot be read, is returned
// unchanged with no matches.
func completePath(typed, home string) (string, []string) {
	p := expandHome(typed, home)
	dir, base := p[:strings.LastIndexAny(p, sepChars())+1], p[strings.LastIndexAny(p, sepChars())+1:]
	read := dir
	if read == "" {
		read = "."
	}
	entries, err := os.ReadDir(read)
	if err != nil {
		return p, nil
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !hasNamePrefix(n, base) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		if isDir(read, e) {
			n += string(filepath.Separator)
		}
		names = append(names, n)
	}
	switch len(names) {
	case 0:
		return p, nil
	case 1:
		return dir + names[0], nil
	}
	slices.Sort(names)
	common := names[0]
	for _, n := range names[1:] {
		common = commonPrefix(common, n)
	}
	if len(common) > len(base) {
		p = dir + common
	}
	return p, names
}

// isDir follows a link to say whether the entry is a folder.
func isDir(dir string, e os.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&os.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, e.Name()))
	return err == nil && fi.IsDir()
}

// sepChars are the separators of a path on this system.
func sepChars() string {
	if runtime.GOOS == "windows" {
		return `\/:`
	}
	return "/"
}

// hasNamePrefix compares names as the system does: without case on
// Windows and macOS.
func hasNamePrefix(name, prefix string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return len(name) >= len(prefix) && strings.EqualFold(name[:len(prefix)], prefix)
	}
	return strings.HasPrefix(name, prefix)
}

// commonPrefix is the longest beginning a and b share, cut at a whole
// character.
func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) {
		i--
	}
	return a[:i]
}
