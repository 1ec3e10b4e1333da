package i18n

// Keys of the full-screen interface (package ui).
const (
	UITabOverview   Key = "ui.tab.overview"
	UITabLog        Key = "ui.tab.log"
	UITabDifficulty Key = "ui.tab.difficulty"
	UITabTraining   Key = "ui.tab.training"
	UITabNotices    Key = "ui.tab.notices"
	UITooSmall      Key = "ui.too_small"
	UILoading       Key = "ui.loading"

	UIRecords        Key = "ui.list.records"
	UIMatches        Key = "ui.list.matches"
	UIMatchesMore    Key = "ui.list.matches_more"
	UINoMatch        Key = "ui.list.no_match"
	UIEmptyList      Key = "ui.list.empty"
	UIFilterCategory Key = "ui.list.filter_category"
	UIFilterSeverity Key = "ui.list.filter_severity"
	UIFilterStatus   Key = "ui.list.filter_status"
	UIFilterClear    Key = "ui.list.filter_clear"
	UIColPeople      Key = "ui.col.participants" // a list column's short name

	UIFormNew         Key = "ui.form.new"
	UIFormEdit        Key = "ui.form.edit"
	UIFormHint        Key = "ui.form.hint"
	UIDateHint        Key = "ui.form.date_hint"
	UIChoose          Key = "ui.form.choose"
	UIChoiceHint      Key = "ui.form.choice_hint"
	UIChoiceTyped     Key = "ui.form.choice_typed"
	UIListPosition    Key = "ui.list.position"
	UIChoiceNoMatch   Key = "ui.form.choice_no_match"
	UICompletion      Key = "ui.form.completion"
	UICapped          Key = "ui.form.capped"
	UIFixProblems     Key = "ui.form.fix_problems"
	UISaveFailed      Key = "ui.form.save_failed"
	UISaving          Key = "ui.form.saving"
	UISaved           Key = "ui.form.saved"
	UIDiscardQuestion Key = "ui.form.discard"
	UIDraftRestored   Key = "ui.draft.restored"
	UIDraftOffer      Key = "ui.draft.offer"
	UIDraftGone       Key = "ui.draft.gone"

	UIDeleteQuestion Key = "ui.delete.question"
	UIDeleted        Key = "ui.delete.done"
	UIUndone         Key = "ui.undo.done"
	UIUndoNothing    Key = "ui.undo.nothing"
	UIUndoFailed     Key = "ui.undo.failed"
	UIKeyUndo        Key = "ui.key.undo"
	UIKeyBin         Key = "ui.key.bin"
	UIKeyRestore     Key = "ui.key.restore"
	UIBinTitle       Key = "ui.bin.title"
	UIBinHint        Key = "ui.bin.hint"
	UIBinEmpty       Key = "ui.bin.empty"
	UIRestored       Key = "ui.bin.restored"
	UIBinDeletedAt   Key = "ui.bin.deleted_at"
	UIDeleteFailed   Key = "ui.delete.failed"

	UIFromHQ      Key = "ui.detail.from_hq"
	UINoResponses Key = "ui.detail.no_responses"
	UIRecordGone  Key = "ui.detail.gone"
	UIRecordMeta  Key = "ui.detail.meta"

	UIWeekTitle      Key = "ui.overview.week"
	UITotals         Key = "ui.overview.totals"
	UICountLogs      Key = "ui.count.logs"
	UICountDiffs     Key = "ui.count.difficulties"
	UICountTrainings Key = "ui.count.trainings"
	UICountSessions  Key = "ui.count.sessions"
	UICountPeople    Key = "ui.count.participants"
	UILogsByDay      Key = "ui.overview.logs_by_day"
	UINoGaps         Key = "ui.overview.no_gaps"
	UINoGapsWeek     Key = "ui.overview.no_gaps_week"
	UINoGapsMonday   Key = "ui.overview.no_gaps_monday"
	UIDaysNoLog      Key = "ui.overview.days_no_log"
	UITrainingsWeek  Key = "ui.overview.trainings"
	UIOpenByStatus   Key = "ui.overview.open_by_status"
	UIOpenBySeverity Key = "ui.overview.open_by_severity"

	UINoNotices   Key = "ui.notices.none"
	UIUnreadCount Key = "ui.notices.unread"

	UIPending           Key = "ui.status.pending"
	UISyncNotLinked     Key = "ui.sync.not_linked"
	UISyncNotLinkedHint Key = "ui.sync.not_linked_hint"
	UISyncing           Key = "ui.sync.running"
	UISyncingProgress   Key = "ui.sync.progress"
	UISyncError         Key = "ui.sync.error"
	UISyncNever         Key = "ui.sync.never"
	UISyncedNow         Key = "ui.sync.now"
	UISyncedMinutes     Key = "ui.sync.minutes"
	UISyncedHours       Key = "ui.sync.hours"
	UISyncedAt          Key = "ui.sync.at"
	UIParkedSlot        Key = "ui.sync.parked"
	UISyncStateTitle    Key = "ui.sync_state.title"
	UISyncStateHQ       Key = "ui.sync_state.hq"
	UISyncStateLast     Key = "ui.sync_state.last"
	UISyncStateTried    Key = "ui.sync_state.tried"
	UISyncStateError    Key = "ui.sync_state.error"
	UISyncStateNoError  Key = "ui.sync_state.no_error"
	UISyncStateNever    Key = "ui.sync_state.never"

	UIParkedTitle Key = "ui.parked.title"
	UIParkedHint  Key = "ui.parked.hint"
	UIParkedNone  Key = "ui.parked.none"
	UIParkedGone  Key = "ui.parked.gone"

	UISetupTitle     Key = "ui.setup.title"
	UISetupIntro     Key = "ui.setup.intro"
	UISettingsTitle  Key = "ui.settings.title"
	UISettingsSaved  Key = "ui.settings.saved"
	UIEnrollCode     Key = "ui.setup.code"
	UILanguage       Key = "ui.setup.language"
	UILangVI         Key = "ui.setup.lang_vi"
	UILangEN         Key = "ui.setup.lang_en"
	UINoProvince     Key = "ui.setup.no_province"
	UILinkedTo       Key = "ui.setup.linked_to"
	UIHelpTitle      Key = "ui.help.title"
	UIHelpHere       Key = "ui.help.here"
	UIHelpEverywhere Key = "ui.help.everywhere"
	UIHelpForms      Key = "ui.help.forms"
	UIHelpClose      Key = "ui.help.close"

	UIKeyQuit        Key = "ui.key.quit"
	UIKeyHelp        Key = "ui.key.help"
	UIKeyNextTab     Key = "ui.key.next_tab"
	UIKeyPrevTab     Key = "ui.key.prev_tab"
	UIKeyTab         Key = "ui.key.tab"
	UIKeySync        Key = "ui.key.sync"
	UIKeySettings    Key = "ui.key.settings"
	UIKeyUp          Key = "ui.key.up"
	UIKeyDown        Key = "ui.key.down"
	UIKeyPageUp      Key = "ui.key.page_up"
	UIKeyPageDown    Key = "ui.key.page_down"
	UIKeyHome        Key = "ui.key.home"
	UIKeyEnd         Key = "ui.key.end"
	UIKeyOpen        Key = "ui.key.open"
	UIKeyNew         Key = "ui.key.new"
	UIKeyEdit        Key = "ui.key.edit"
	UIKeyReply       Key = "ui.key.reply"
	UIKeyResolve     Key = "ui.key.resolve"
	UIReplyTitle     Key = "ui.reply.title"
	UIResolveTitle   Key = "ui.reply.resolve_title"
	UIKeyDelete      Key = "ui.key.delete"
	UIKeyFilter      Key = "ui.key.filter"
	UIKeyClearFilter Key = "ui.key.clear_filter"
	UIKeyCategory    Key = "ui.key.category"
	UIKeySeverity    Key = "ui.key.severity"
	UIKeyStatus      Key = "ui.key.status"
	UIKeyNextField   Key = "ui.key.next_field"
	UIKeyPrevField   Key = "ui.key.prev_field"
	UIKeySave        Key = "ui.key.save"
	UIKeyCancel      Key = "ui.key.cancel"
	UIKeyChoice      Key = "ui.key.choice"
	UIKeyBack        Key = "ui.key.back"
	UIKeyYes         Key = "ui.key.yes"
	UIKeyNo          Key = "ui.key.no"
	UIKeyParked      Key = "ui.key.parked"
)

func uiMessages() map[Key]msg {
	m := map[Key]msg{
		UITabOverview:   {"Tổng quan", "Overview"},
		UITabLog:        {"Nhật ký", "Logs"},
		UITabDifficulty: {"Khó khăn", "Difficulties"},
		UITabTraining:   {"Tập huấn", "Training"},
		UITabNotices:    {"Thông báo", "Notices"},
		UITooSmall:      {"Cửa sổ quá nhỏ: cần ít nhất %d×%d (hiện %d×%d).", "The window is too small: at least %d×%d is needed (now %d×%d)."},
		UILoading:       {"Đang tải…", "Loading…"},

		UIRecords:        {"%s bản ghi", "%s records"},
		UIMatches:        {"%s kết quả", "%s matches"},
		UIMatchesMore:    {"hơn %s kết quả", "more than %s matches"},
		UINoMatch:        {"Không có bản ghi nào khớp. Nhấn %s để bỏ lọc.", "Nothing matches. Press %s to clear the filters."},
		UIFilterClear:    {"%s: bỏ lọc", "%s: clear"},
		UIEmptyList:      {"Chưa có bản ghi nào. Nhấn %s để thêm.", "No records yet. Press %s to add one."},
		UIFilterCategory: {"Lĩnh vực: %s", "Category: %s"},
		UIFilterSeverity: {"Mức độ: %s", "Severity: %s"},
		UIFilterStatus:   {"Trạng thái: %s", "Status: %s"},
		UIColPeople:      {"Số người", "People"},

		UIFormNew:         {"Thêm %s", "New %s"},
		UIFormEdit:        {"Sửa %s", "Edit %s"},
		UIFormHint:        {"Các ô có dấu * là bắt buộc.", "Fields marked * are required."},
		UIDateHint:        {"dd/mm/yyyy, «hôm nay», «hôm qua», «t2», «cn tuần trước»", "dd/mm/yyyy, «today», «yesterday», «mon», «last fri»"},
		UIChoose:          {"(chọn)", "(choose)"},
		UIChoiceHint:      {"←/→ để chọn, hoặc gõ một từ của nó", "←/→ to choose, or type a word of it"},
		UIChoiceTyped:     {"Đã gõ «%s»", "Typed «%s»"},
		UIListPosition:    {"%s / %s", "%s / %s"},
		UIChoiceNoMatch:   {"Không lựa chọn nào có «%s»", "No choice has «%s»"},
		UICompletion:      {"%s  (→ để điền)", "%s  (→ to fill in)"},
		UICapped:          {"Đã cắt bớt: tối đa %d ký tự", "Cut short: at most %d characters"},
		UIFixProblems:     {"Chưa lưu: còn %d chỗ cần sửa.", "Not saved: %d problems to fix."},
		UISaveFailed:      {"Chưa lưu được: %s. Nội dung vẫn còn, hãy thử lại.", "Could not save: %s. Nothing typed is lost; try again."},
		UISaving:          {"Đang lưu…", "Saving…"},
		UISaved:           {"Đã lưu: %s", "Saved: %s"},
		UIDiscardQuestion: {"Bỏ các thay đổi chưa lưu?", "Discard the unsaved changes?"},
		UIDraftRestored:   {"Đã khôi phục bản nháp chưa lưu.", "The unsaved draft was restored."},
		UIDraftOffer:      {"Có %d bản nháp chưa lưu (%s). Mở lại?", "There are %d unsaved drafts (%s). Open again?"},
		UIDraftGone:       {"Bản ghi của bản nháp không còn nữa.", "The draft's record no longer exists."},

		UIDeleteQuestion: {"Xóa %s «%s»?", "Delete %s «%s»?"},
		UIDeleted:        {"Đã xóa. Nhấn u để hoàn tác.", "Deleted. Press u to undo."},
		UIUndone:         {"Đã hoàn tác: %s", "Undone: %s"},
		UIUndoNothing:    {"Không có gì để hoàn tác.", "Nothing to undo."},
		UIUndoFailed:     {"Không hoàn tác được: %s", "Could not undo: %s"},
		UIKeyUndo:        {"hoàn tác", "undo"},
		UIKeyBin:         {"thùng rác", "recycle bin"},
		UIKeyRestore:     {"khôi phục", "restore"},
		UIBinTitle:       {"Thùng rác: bản ghi đã xóa trong %d ngày qua", "Recycle bin: records deleted in the last %d days"},
		UIBinHint:        {"Nhấn ↵ để khôi phục; bản ghi được gửi lại ở lần đồng bộ sau.", "Press ↵ to restore one; it is sent again at the next sync."},
		UIBinEmpty:       {"Thùng rác trống.", "The recycle bin is empty."},
		UIRestored:       {"Đã khôi phục: %s", "Restored: %s"},
		UIBinDeletedAt:   {"Xóa %s", "Deleted %s"},
		UIDeleteFailed:   {"Chưa xóa được: %s", "Could not delete: %s"},

		UIFromHQ:      {"Tổ công tác", "Headquarters"},
		UINoResponses: {"Chưa có trả lời.", "No answer yet."},
		UIRecordGone:  {"Bản ghi này đã bị xóa.", "This record was deleted."},
		UIRecordMeta:  {"Mã %s · lần sửa %d · cập nhật %s", "ID %s · revision %d · updated %s"},

		UIWeekTitle:      {"Tuần này: %s – %s", "This week: %s – %s"},
		UITotals:         {"Trong tuần: %s", "In all: %s"},
		UICountLogs:      {"%s nhật ký", "%s logs"},
		UICountDiffs:     {"%s khó khăn", "%s difficulties"},
		UICountTrainings: {"%s buổi tập huấn", "%s trainings"},
		UICountSessions:  {"%s buổi", "%s sessions"},
		UICountPeople:    {"%s người tham dự", "%s participants"},
		UILogsByDay:      {"Nhật ký theo ngày", "Logs by day"},
		UINoGaps:         {"Đủ nhật ký cả %d ngày, từ thứ Hai đến hôm nay.", "A log on each of the %d days from Monday to today."},
		UINoGapsMonday:   {"Hôm nay, thứ Hai, đã có nhật ký.", "Today, Monday, has its log."},
		UINoGapsWeek:     {"Ngày nào trong tuần cũng có nhật ký.", "A log on every day of the week."},
		UIDaysNoLog:      {"Chưa có nhật ký: %s", "No log yet: %s"},
		UITrainingsWeek:  {"Tập huấn trong tuần", "Training this week"},
		UIOpenByStatus:   {"Khó khăn đang mở, theo trạng thái", "Open difficulties by status"},
		UIOpenBySeverity: {"…theo mức độ (90 ngày qua)", "…by severity (last 90 days)"},

		UINoNotices:   {"Chưa có thông báo nào từ Tổ công tác.", "No notices from headquarters yet."},
		UIUnreadCount: {"%d chưa đọc", "%d unread"},

		UIPending:           {"Chờ gửi: %s", "To send: %s"},
		UISyncNotLinked:     {"Chưa liên kết Tổ công tác", "Not linked to HQ"},
		UISyncNotLinkedHint: {"Chưa liên kết với Tổ công tác: nhập mã đăng ký trong Cài đặt (phím ,).", "Not linked to HQ: enter the enrollment code in Settings (key ,)."},
		UISyncing:           {"Đang đồng bộ…", "Syncing…"},
		UISyncingProgress:   {"Đang gửi %d/%d", "Sending %d/%d"},
		UISyncError:         {"Lỗi đồng bộ: %s", "Sync failed: %s"},
		UISyncNever:         {"Chưa đồng bộ", "Never synced"},
		UISyncedNow:         {"Vừa đồng bộ", "Synced just now"},
		UISyncedMinutes:     {"Đồng bộ %d phút trước", "Synced %d min ago"},
		UISyncedHours:       {"Đồng bộ %d giờ trước", "Synced %d h ago"},
		UISyncedAt:          {"Đồng bộ lúc %s", "Synced %s"},
		UIParkedSlot:        {"Bị từ chối: %d (phím p)", "Refused: %d (key p)"},
		UISyncStateTitle:    {"Tình trạng đồng bộ", "Sync state"},
		UISyncStateHQ:       {"Tổ công tác: %s", "HQ: %s"},
		UISyncStateLast:     {"Đồng bộ thành công gần nhất: %s", "Last successful sync: %s"},
		UISyncStateTried:    {"Lần thử gần nhất: %s", "Last try: %s"},
		UISyncStateError:    {"Lỗi lần thử đó: %s", "That try failed: %s"},
		UISyncStateNoError:  {"Lần thử đó không có lỗi.", "That try had no error."},
		UISyncStateNever:    {"chưa có", "never"},

		UIParkedTitle: {"Bản ghi bị Tổ công tác từ chối: %d", "Records HQ refused: %d"},
		UIParkedHint:  {"Nhấn ↵ để sửa; sau khi lưu, bản ghi được gửi lại ở lần đồng bộ sau.", "Press ↵ to fix one; once saved it is sent again at the next sync."},
		UIParkedNone:  {"Không có bản ghi nào bị từ chối.", "HQ has refused no records."},
		UIParkedGone:  {"Bản ghi %s (đã xóa khỏi sổ tay)", "Record %s (deleted from the notebook)"},

		UISetupTitle:     {"Thiết lập sổ tay công tác", "Set up the work notebook"},
		UISetupIntro:     {"Nhập thông tin của đồng chí; có thể sửa sau trong Cài đặt.", "Enter your details; you can change them later in Settings."},
		UISettingsTitle:  {"Cài đặt", "Settings"},
		UISettingsSaved:  {"Đã lưu cài đặt.", "Settings saved."},
		UIEnrollCode:     {"Mã đăng ký của Tổ công tác (không bắt buộc)", "HQ enrollment code (optional)"},
		UILanguage:       {"Ngôn ngữ", "Language"},
		UILangVI:         {"Tiếng Việt", "Tiếng Việt (Vietnamese)"},
		UILangEN:         {"English (tiếng Anh)", "English"},
		UINoProvince:     {"Không có tỉnh/thành phố nào khớp.", "No province matches."},
		UILinkedTo:       {"Đã liên kết với %s; nhập mã mới để đổi.", "Linked to %s; enter a new code to change."},
		UIHelpTitle:      {"Phím tắt", "Keys"},
		UIHelpHere:       {"Màn hình này", "This screen"},
		UIHelpEverywhere: {"Mọi nơi", "Everywhere"},
		UIHelpForms:      {"Biểu mẫu", "Forms"},
		UIHelpClose:      {"Nhấn phím bất kỳ để đóng.", "Press any key to close."},

		UIKeyQuit:        {"thoát", "quit"},
		UIKeyHelp:        {"phím tắt", "keys"},
		UIKeyNextTab:     {"thẻ sau", "next tab"},
		UIKeyPrevTab:     {"thẻ trước", "previous tab"},
		UIKeyTab:         {"1–5 chọn thẻ", "1–5 pick a tab"},
		UIKeySync:        {"đồng bộ", "sync"},
		UIKeySettings:    {"cài đặt", "settings"},
		UIKeyUp:          {"lên", "up"},
		UIKeyDown:        {"xuống", "down"},
		UIKeyPageUp:      {"trang trước", "page up"},
		UIKeyPageDown:    {"trang sau", "page down"},
		UIKeyHome:        {"đầu danh sách", "first"},
		UIKeyEnd:         {"cuối trang", "last"},
		UIKeyOpen:        {"xem", "open"},
		UIKeyNew:         {"thêm", "new"},
		UIKeyEdit:        {"sửa", "edit"},
		UIKeyReply:       {"trao đổi", "reply"},
		UIKeyResolve:     {"đã giải quyết", "resolved"},
		UIReplyTitle:     {"Trao đổi thêm: %s", "Reply: %s"},
		UIResolveTitle:   {"Đã giải quyết tại cơ sở: %s", "Resolved on site: %s"},
		UIKeyDelete:      {"xóa", "delete"},
		UIKeyFilter:      {"tìm", "filter"},
		UIKeyClearFilter: {"bỏ lọc", "clear filter"},
		UIKeyCategory:    {"lọc lĩnh vực", "by category"},
		UIKeySeverity:    {"lọc mức độ", "by severity"},
		UIKeyStatus:      {"lọc trạng thái", "by status"},
		UIKeyNextField:   {"ô sau", "next field"},
		UIKeyPrevField:   {"ô trước", "previous field"},
		UIKeySave:        {"lưu", "save"},
		UIKeyCancel:      {"hủy", "cancel"},
		UIKeyChoice:      {"đổi lựa chọn", "change choice"},
		UIKeyBack:        {"quay lại", "back"},
		UIKeyYes:         {"có", "yes"},
		UIKeyNo:          {"không", "no"},
		UIKeyParked:      {"đồng bộ, bị từ chối", "sync state, refused"},
	}
	// English says one of a thing in the singular; Vietnamese nouns do not
	// change, so a singular form repeats the Vietnamese (see Catalog.N).
	for k, en := range map[Key]string{
		UIRecords:        "%s record",
		UIMatches:        "%s match",
		UIFixProblems:    "Not saved: %d problem to fix.",
		UIDraftOffer:     "There is %d unsaved draft (%s). Open it again?",
		UICountLogs:      "%s log",
		UICountDiffs:     "%s difficulty",
		UICountTrainings: "%s training",
		UICountSessions:  "%s session",
		UICountPeople:    "%s participant",
		UIParkedTitle:    "Record HQ refused: %d",
		UIParkedSlot:     "Refused: %d (key p)",
	} {
		m[k+".one"] = msg{m[k].vi, en}
	}
	vi := []string{"T2", "T3", "T4", "T5", "T6", "T7", "CN"}
	en := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	for i := range vi {
		m[Key("ui.weekday."+string(rune('0'+i)))] = msg{vi[i], en[i]}
	}
	return m
}

// N is T for a message that counts n things: the singular form when n is 1
// and the message has one (English), else the message as T gives it.
func (c Catalog) N(key Key, n int, args ...any) string {
	if n == 1 && Has(key+".one") {
		return c.T(key+".one", args...)
	}
	return c.T(key, args...)
}
