package record

// The statuses HQ gives a difficulty (the slugs of domain.Statuses).
const (
	StatusNew          = "new"
	StatusAcknowledged = "acknowledged"
	StatusInProgress   = "in_progress"
	StatusAnswered     = "answered"
	StatusResolved     = "resolved"
)

// StatusOrNew is a difficulty's status as it is counted, filtered and
// shown: one HQ has not set (a record made before statuses were kept, or
// not yet seen by HQ) is new.
func StatusOrNew(status string) string {
	if status == "" {
		return StatusNew
	}
	return status
}
