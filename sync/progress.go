// Package sync carries the notebook's records to headquarters and brings
// back HQ's answers and notices: the client that pushes, then pulls. The
// versioned protocol it speaks (/v1/...) is in sync/wire, which HQ imports
// too; HQ never imports this package.
package sync

import "time"

// Progress is reported while a sync runs, for the TUI's status bar and the
// CLI's stderr.
type Progress struct {
	Phase        string // "push" or "pull"
	Batches      int    // batches sent (push) or received (pull) so far
	Records      int    // records sent or events received so far
	TotalRecords int    // records waiting when the push began
	Bytes        int64  // bytes on the wire so far (compressed)
	// Waiting, when not 0, is a pause before the next try because HQ asked
	// to slow down (rate limit) or could not be reached; the other fields
	// are as last reported.
	Waiting time.Duration
}

// Result sums up one sync.
type Result struct {
	Pushed   int // records HQ acknowledged
	Rejected int // records HQ refused, now parked with its reason
	Pulled   int // events applied from HQ (answers, status changes, notices)
	// HQNoFiles: HQ takes records but is too old to receive files; they
	// wait on the laptop, and records that list them go again once HQ is
	// updated.
	HQNoFiles bool
}
