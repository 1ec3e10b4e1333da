package i18n

import "sotay/record"

// Keys of attachments (issue 12): the refusals of a file, the commands
// that attach, detach and open files, upload progress, and the files on
// HQ's record page.
const (
	ProblemFileType  Key = "problem.file_type"
	ProblemHEIC      Key = "problem.file_heic"
	ProblemFileSize  Key = "problem.file_size"
	ProblemFileCount Key = "problem.file_count"
	ProblemFilesSize Key = "problem.files_size"
	ProblemFileName  Key = "problem.file_name"
	ProblemFileDup   Key = "problem.file_dup"
	ProblemFileHash  Key = "problem.file_sha256"
	ProblemNoFile    Key = "problem.no_file"

	CLICmdAttach     Key = "cli.cmd.attach"
	CLICmdDetach     Key = "cli.cmd.detach"
	CLICmdOpen       Key = "cli.cmd.open"
	CLIFlagOriginal  Key = "cli.flag.original"
	CLIAttached      Key = "cli.attached"
	CLIAttachedSmall Key = "cli.attached_small"
	CLIDetached      Key = "cli.detached"
	CLIAttachUsage   Key = "cli.attach_usage"
	CLIDetachUsage   Key = "cli.detach_usage"
	CLIOpenFailed    Key = "cli.open_failed"

	SyncUploading    Key = "sync.uploading"
	SyncUploaded     Key = "sync.uploaded"
	SyncUploadFailed Key = "sync.upload_failed"
	SyncFilesWaiting Key = "sync.files_waiting"

	WebFiles         Key = "web.files"
	WebFileMissing   Key = "web.file_missing"
	WebFileDownload  Key = "web.file_download"
	WebFileReduced   Key = "web.file_reduced"
	FieldAttachments Key = "field.attachments"

	UIKeyAttach   Key = "ui.key.attach"
	UIKeyOpenFile Key = "ui.key.open_file"
	UIFileReduced Key = "ui.file_reduced"
	UINoFiles     Key = "ui.no_files"
	UIAttachTitle Key = "ui.attach_title"
	UIAttachHint  Key = "ui.attach_hint"
	UIUploading   Key = "ui.uploading"

	UIKeyCompletePath Key = "ui.key.complete_path"
	UIPathMore        Key = "ui.path_more"
	UIOpenChooseTitle Key = "ui.open_choose_title"
	UIOpenChooseHint  Key = "ui.open_choose_hint"

	ReportFiles      Key = "report.files"
	ReportTrainFiles Key = "report.train_files"
)

func attachMessages() map[Key]msg {
	return map[Key]msg{
		ProblemFileType: {"«%[1]s»: tệp «%[2]s» không phải PDF, JPEG, PNG, DOCX hay XLSX (kiểu tệp được nhận biết theo nội dung, không theo đuôi tên)",
			"«%[1]s»: «%[2]s» is not a PDF, JPEG, PNG, DOCX or XLSX file (the type is told from the content, not the name)"},
		ProblemHEIC: {"«%[1]s»: ảnh «%[2]s» ở định dạng HEIC, chưa đọc được; hãy chuyển sang JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất)",
			"«%[1]s»: «%[2]s» is a HEIC photo, which sotay cannot read; convert it to JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible)"},
		ProblemFileSize: {"«%[1]s»: tệp «%[2]s» lớn quá giới hạn %[3]d MB mỗi tệp",
			"«%[1]s»: «%[2]s» is over the limit of %[3]d MB per file"},
		ProblemFileCount: {"«%[1]s»: một bản ghi có tối đa %[3]d tệp đính kèm",
			"«%[1]s»: a record holds at most %[3]d files"},
		ProblemFilesSize: {"«%[1]s»: thêm «%[2]s» thì các tệp của bản ghi vượt quá %[3]d MB",
			"«%[1]s»: with «%[2]s» the record's files would be over %[3]d MB"},
		ProblemFileName: {"«%[1]s»: tên tệp «%[2]s» không dùng được (không được có ../, ký tự điều khiển, ký tự \\ / : * ? \" < > |, tên thiết bị như CON, PRN, AUX, NUL, COM1, LPT1, hay dài quá 200 byte)",
			"«%[1]s»: the file name «%[2]s» cannot be used (no ../, control characters, \\ / : * ? \" < > |, device names such as CON, PRN, AUX, NUL, COM1, LPT1, or over 200 bytes)"},
		ProblemFileDup:  {"«%[1]s»: bản ghi đã có một tệp tên «%[2]s»", "«%[1]s»: the record already has a file named «%[2]s»"},
		ProblemFileHash: {"«%[1]s»: mã băm SHA-256 của «%[2]s» không hợp lệ", "«%[1]s»: the SHA-256 of «%[2]s» is not valid"},
		ProblemNoFile:   {"«%[1]s»: bản ghi không có tệp «%[2]s»", "«%[1]s»: the record has no file «%[2]s»"},

		CLICmdAttach:     {"đính kèm tệp vào bản ghi: attach ID TỆP…", "attach files to a record: attach ID FILE…"},
		CLICmdDetach:     {"gỡ tệp khỏi bản ghi: detach ID TÊN", "remove a file from a record: detach ID NAME"},
		CLICmdOpen:       {"mở tệp đính kèm bằng chương trình của máy: open ID TÊN", "open an attached file with the system's program: open ID NAME"},
		CLIFlagOriginal:  {"gửi ảnh gốc, không thu nhỏ", "send photos as they are, not reduced"},
		CLIAttached:      {"Đã đính kèm «%s» (%s)", "Attached «%s» (%s)"},
		CLIAttachedSmall: {"Đã đính kèm «%s» (%s; gửi bản thu nhỏ %s, ảnh gốc giữ trên máy)", "Attached «%s» (%s; a reduced copy of %s travels, the original stays on this computer)"},
		CLIDetached:      {"Đã gỡ «%s»", "Removed «%s»"},
		CLIAttachUsage:   {"cần mã bản ghi và ít nhất một tệp: sotay attach ID TỆP…", "need a record id and at least one file: sotay attach ID FILE…"},
		CLIDetachUsage:   {"cần mã bản ghi và tên tệp: sotay %s ID TÊN", "need a record id and a file name: sotay %s ID NAME"},
		CLIOpenFailed:    {"không mở được «%s»: %v", "could not open «%s»: %v"},

		SyncUploading:    {"Đang gửi tệp «%s»: %s / %s", "Sending «%s»: %s of %s"},
		SyncUploaded:     {"Đã gửi %d tệp", "Sent %d files"},
		SyncUploadFailed: {"Chưa gửi được tệp «%s»: %s", "Could not send «%s» yet: %s"},
		SyncFilesWaiting: {"%d tệp đang chờ gửi", "%d files waiting to be sent"},

		WebFiles:         {"Tệp đính kèm", "Files"},
		WebFileMissing:   {"chưa nhận được", "not received yet"},
		WebFileDownload:  {"Tải về", "Download"},
		WebFileReduced:   {"bản thu nhỏ; ảnh gốc ở máy cán bộ", "reduced copy; the original is on the officer's laptop"},
		FieldAttachments: {"Tệp đính kèm", "Files"},

		UIKeyAttach:      {"đính kèm tệp", "attach a file"},
		UIKeyOpenFile:    {"mở tệp", "open a file"},
		UIFileReduced:    {"gửi bản thu nhỏ, ảnh gốc %s trên máy", "a reduced copy travels, the %s original stays here"},
		UINoFiles:        {"Bản ghi không có tệp đính kèm (f để đính kèm)", "The record has no files (f to attach one)"},
		UIAttachTitle:    {"Đính kèm tệp vào: %s", "Attach a file to: %s"},
		ReportFiles:      {"Tài liệu kèm theo: %s", "Attached: %s"},
		ReportTrainFiles: {"Tài liệu kèm theo buổi tập huấn ngày %s (%s): %s", "Attached to the training of %s (%s): %s"},
		UIUploading:      {"↑ %s %s/%s (tệp %d/%d)", "↑ %s %s/%s (file %d/%d)"},

		UIKeyCompletePath: {"điền nốt đường dẫn", "complete the path"},
		UIPathMore:        {"  … và %d tệp khác", "  … and %d more"},
		UIOpenChooseTitle: {"Mở tệp của: %s", "Open a file of: %s"},
		UIOpenChooseHint:  {"Chọn tệp rồi Enter (hoặc gõ số thứ tự); Esc để quay lại", "Pick a file, then Enter (or type its number); Esc to go back"},
		UIAttachHint:      {"Gõ (Tab điền nốt), dán hoặc kéo thả tệp vào đây (PDF, JPEG, PNG, DOCX, XLSX), rồi Enter", "Type (Tab completes), paste or drop a file here (PDF, JPEG, PNG, DOCX, XLSX), then Enter"},
	}
}

// attachProblem words the refusals of a file, which name the file and a
// limit; false for other problems.
func (c Catalog) attachProblem(fe *record.FieldError) (string, bool) {
	switch fe.Problem {
	case record.ProblemFileType, record.ProblemHEIC, record.ProblemFileSize, record.ProblemFileCount,
		record.ProblemFilesSize, record.ProblemFileName, record.ProblemFileDup, record.ProblemFileHash, record.ProblemNoFile:
		return c.T(Key("problem."+string(fe.Problem)), c.Field(fe.Field), fe.Value, fe.Limit), true
	}
	return "", false
}
