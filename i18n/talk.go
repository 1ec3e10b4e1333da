package i18n

// Keys of the conversation with HQ (issue 11): a difficulty's thread,
// HQ's review of a record, HQ's receipt, the news a sync brought. The
// command line uses them now; the TUI and the workspace use the same.
const (
	TalkFromOfficer   Key = "talk.from.officer"
	TalkFromHQ        Key = "talk.from.hq"
	TalkResolved      Key = "talk.resolved"
	TalkStatusSet     Key = "talk.status_set"
	TalkWaiting       Key = "talk.waiting"
	TalkNoThread      Key = "talk.no_thread"
	TalkReceived      Key = "talk.received"
	TalkNotReceived   Key = "talk.not_received"
	TalkPendingSend   Key = "talk.pending_send"
	TalkParked        Key = "talk.parked"
	TalkReviewComment Key = "talk.review_comment"
	TalkNeedFix       Key = "talk.need_fix"
	TalkNewsAnswered  Key = "talk.news.answered"
	TalkNewsNotices   Key = "talk.news.notices"
	TalkNewsNeedFix   Key = "talk.news.need_fix"
	TalkNoNotices     Key = "talk.no_notices"
	TalkFollowUpSaved Key = "talk.followup_saved"
	TalkResolvedSaved Key = "talk.resolved_saved"
	TalkReviewed      Key = "talk.reviewed"

	CLICmdShow     Key = "cli.cmd.show"
	CLICmdNotices  Key = "cli.cmd.notices"
	CLICmdFollowUp Key = "cli.cmd.followup"
	CLICmdResolve  Key = "cli.cmd.resolve"
	CLIFlagText    Key = "cli.flag.text"
	CLIFlagNote    Key = "cli.flag.note"
	CLINeedID      Key = "cli.need_id"
	CLINeedFlag    Key = "cli.need_flag"
	HQCmdReview    Key = "hq.cmd.review"
	HQCmdThread    Key = "hq.cmd.thread"
	HQFlagState    Key = "hq.flag.state"
	HQFlagComment  Key = "hq.flag.comment"
)

// ReviewState names a review state ("review." + state); an unknown one is
// returned as is.
func (c Catalog) ReviewState(state string) string {
	if Has(Key("review." + state)) {
		return c.T(Key("review." + state))
	}
	return state
}

func talkMessages() map[Key]msg {
	return map[Key]msg{
		TalkFromOfficer:           {"Cán bộ", "Officer"},
		TalkFromHQ:                {"Tổ công tác", "HQ"},
		TalkResolved:              {"Đã giải quyết tại cơ sở", "Resolved on site"},
		TalkStatusSet:             {"Trạng thái: %s", "Status: %s"},
		TalkWaiting:               {"Chờ Tổ công tác trả lời", "Waiting for HQ"},
		TalkNoThread:              {"Chưa có trao đổi.", "No conversation yet."},
		TalkReceived:              {"Tổ công tác đã nhận %s", "HQ received it %s"},
		TalkNotReceived:           {"Tổ công tác chưa nhận bản này", "HQ does not have this version yet"},
		TalkPendingSend:           {"chờ đồng bộ", "waiting for a sync"},
		TalkParked:                {"Tổ công tác từ chối: %s", "HQ refused it: %s"},
		TalkReviewComment:         {"%s: %s", "%s: %s"},
		TalkNeedFix:               {"%d bản ghi cần sửa", "%d records to correct"},
		TalkNeedFix + ".one":      {"%d bản ghi cần sửa", "%d record to correct"},
		TalkNewsAnswered:          {"Tổ công tác trả lời %d khó khăn", "HQ answered %d difficulties"},
		TalkNewsAnswered + ".one": {"Tổ công tác trả lời %d khó khăn", "HQ answered %d difficulty"},
		TalkNewsNotices:           {"%d thông báo mới", "%d new notices"},
		TalkNewsNotices + ".one":  {"%d thông báo mới", "%d new notice"},
		TalkNewsNeedFix:           {"%d bản ghi cần sửa", "%d records to correct"},
		TalkNewsNeedFix + ".one":  {"%d bản ghi cần sửa", "%d record to correct"},
		TalkNoNotices:             {"Chưa có thông báo.", "No notices."},
		TalkFollowUpSaved:         {"Đã lưu trao đổi (bản %d), sẽ gửi khi đồng bộ", "follow-up saved (rev %d); it goes to HQ with the next sync"},
		TalkResolvedSaved:         {"Đã ghi nhận giải quyết tại cơ sở (bản %d), sẽ gửi khi đồng bộ", "marked resolved on site (rev %d); it goes to HQ with the next sync"},
		TalkReviewed:              {"Đã đánh giá: %s", "reviewed: %s"},

		"review." + "has_issues": {"Cần sửa", "Needs correction"},
		"review." + "approved":   {"Đã duyệt (khóa)", "Approved (locked)"},
		"review." + "edited":     {"Đã sửa, chờ Tổ công tác xem lại", "Edited, for HQ to look at again"},
		"review." + "reopened":   {"Mở lại để sửa", "Reopened"},

		"err.approved":       {"Tổ công tác đã duyệt bản ghi này: không sửa được cho đến khi Tổ công tác mở lại", "HQ approved this record: it cannot be changed until HQ reopens it"},
		"err.not_difficulty": {"Chỉ khó khăn, vướng mắc mới có trao đổi với Tổ công tác", "only a difficulty has a conversation with HQ"},
		"field.followups":    {"Trao đổi", "Follow-ups"},

		"hq.err.bad_review":   {"Đánh giá không hợp lệ: has_issues, approved hoặc reopen", "unknown review: has_issues, approved or reopen"},
		"hq.err.need_comment": {"Cần ghi rõ bản ghi sai ở đâu (--comment)", "say what is wrong (--comment)"},
		"hq.err.not_approved": {"Chỉ mở lại được bản ghi đã duyệt", "only an approved record can be reopened"},

		CLICmdShow:     {"xem một bản ghi, trao đổi và xác nhận của Tổ công tác", "show a record, its thread and HQ's receipt"},
		CLICmdNotices:  {"xem thông báo của Tổ công tác", "list HQ's notices"},
		CLICmdFollowUp: {"trao đổi thêm về một khó khăn (--text)", "reply on a difficulty (--text)"},
		CLICmdResolve:  {"ghi nhận khó khăn đã giải quyết tại cơ sở (--note)", "mark a difficulty resolved on site (--note)"},
		CLIFlagText:    {"nội dung trao đổi", "the reply"},
		CLIFlagNote:    {"cách đã giải quyết", "how it was resolved"},
		CLINeedFlag:    {"thiếu %s", "%s is required"},
		CLINeedID:      {"cần mã bản ghi: sotay %s ID", "a record id is needed: sotay %s ID"},
		HQCmdReview:    {"đánh giá bản ghi: --state has_issues|approved|reopen --comment …", "review a record: --state has_issues|approved|reopen --comment …"},
		HQCmdThread:    {"xem trao đổi về một khó khăn", "show a difficulty's thread"},
		HQFlagState:    {"đánh giá của Tổ công tác: có vấn đề, duyệt (khóa bản ghi) hoặc mở lại", "HQ's review: has issues, approved (locks the record) or reopen"},
		HQFlagComment:  {"nhận xét cho cán bộ", "comment for the officer"},
	}
}
