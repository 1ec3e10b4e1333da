package web

import "testing"

// BenchmarkWorkspaceOverview is the overview of a month at national scale
// (DESIGN.md: ≤ 200 ms server time at 1,000,000 records), and the group's
// month report as .docx (≤ 2 s), over bench_test.go's database.
func BenchmarkWorkspaceOverview(b *testing.B) { benchPage(b, "/?period=month&at=2026-03-01") }
func BenchmarkWorkspaceReportDocx(b *testing.B) {
	benchPage(b, "/report/file?period=month&at=2026-03-01&format=docx")
}
