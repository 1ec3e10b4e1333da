package i18n

import "strings"

// Keys of the command line's help, and of the commands that change
// records from it (edit, delete, import) and complete it in a shell.
const (
	CLIMetaDir      Key = "cli.meta.dir"
	CLIMetaDate     Key = "cli.meta.date"
	CLIMetaMonth    Key = "cli.meta.month"
	CLIMetaFile     Key = "cli.meta.file"
	CLIMetaAddr     Key = "cli.meta.addr"
	CLIMetaURL      Key = "cli.meta.url"
	CLIMetaProvince Key = "cli.meta.province"
	CLIMetaOfficer  Key = "cli.meta.officer"
	CLIMetaMap      Key = "cli.meta.map"
	CLIMetaEmail    Key = "cli.meta.email"
	CLIMetaNumber   Key = "cli.meta.number"
	CLIMetaText     Key = "cli.meta.text"
	CLIMetaValue    Key = "cli.meta.value"
	CLIDefaultWord  Key = "cli.default_word"
	CLIDefaultIs    Key = "cli.default_is"
	CLIFlagsWord    Key = "cli.flags_word"

	CLICmdHQServe    Key = "cli.cmd.hq.serve"
	CLICmdHQEnroll   Key = "cli.cmd.hq.enroll"
	CLICmdHQRevoke   Key = "cli.cmd.hq.revoke"
	CLICmdHQRespond  Key = "cli.cmd.hq.respond"
	CLICmdHQReview   Key = "cli.cmd.hq.review"
	CLICmdHQThread   Key = "cli.cmd.hq.thread"
	CLICmdHQNotice   Key = "cli.cmd.hq.notice"
	CLICmdHQOfficers Key = "cli.cmd.hq.officers"
	CLICmdHQExport   Key = "cli.cmd.hq.export"
	CLICmdHQReport   Key = "cli.cmd.hq.report"
	CLICmdHQUser     Key = "cli.cmd.hq.user"

	CLICmdEdit       Key = "cli.cmd.edit"
	CLICmdDelete     Key = "cli.cmd.delete"
	CLICmdImport     Key = "cli.cmd.import"
	CLICmdCompletion Key = "cli.cmd.completion"

	CLIEditUsage      Key = "cli.edit.usage"
	CLIEditNothing    Key = "cli.edit.nothing"
	CLIEditWrongField Key = "cli.edit.wrong_field"
	CLIEdited         Key = "cli.edit.done"
	CLIFlagYes        Key = "cli.flag.yes"
	CLIDeleteNeedYes  Key = "cli.delete.need_yes"
	CLIDeleteAsk      Key = "cli.delete.ask"
	CLIDeleteKept     Key = "cli.delete.kept"
	CLIDeleted        Key = "cli.delete.done"

	CLIImportUsage     Key = "cli.import.usage"
	CLIFlagImportKind  Key = "cli.flag.import_kind"
	CLIFlagImportMap   Key = "cli.flag.import_map"
	CLIFlagDryRun      Key = "cli.flag.dry_run"
	CLIFlagSkipInvalid Key = "cli.flag.skip_invalid"
	CLIImportNeedFile  Key = "cli.import.need_file"
	CLIImportBadMap    Key = "cli.import.bad_map"
	CLIImportFormat    Key = "cli.import.format"
	CLIImportNoKind    Key = "cli.import.no_kind"
	CLIImportNoColumns Key = "cli.import.no_columns"
	CLIImportEmpty     Key = "cli.import.empty"
	CLIImportTooMany   Key = "cli.import.too_many"
	CLIImportReading   Key = "cli.import.reading"
	CLIImportSaving    Key = "cli.import.saving"
	CLIImportProblem   Key = "cli.import.problem"
	CLIImportRepeat    Key = "cli.import.repeat"
	CLIImportPreview   Key = "cli.import.preview"
	CLIImportRowWord   Key = "cli.import.row_word"
	CLIImportMore      Key = "cli.import.more"
	CLIImportSummary   Key = "cli.import.summary"
	CLIImportRefused   Key = "cli.import.refused"
	CLIImportDryRun    Key = "cli.import.dry_run"
	CLIImportNothing   Key = "cli.import.nothing"
	CLIImportDone      Key = "cli.import.done"

	CLICompletionUsage Key = "cli.completion.usage"
	CLICompletionShell Key = "cli.completion.shell"
)

// IsYes says an answer typed at a yes/no question means yes, in either
// language: c, có, y, yes. Anything else, the empty answer included, is no.
func (c Catalog) IsYes(answer string) bool {
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "c", "có", "co", "y", "yes":
		return true
	}
	return false
}

func cliToolMessages() map[Key]msg {
	return map[Key]msg{
		CLIMetaDir:      {"THƯ-MỤC", "DIR"},
		CLIMetaDate:     {"NGÀY", "DATE"},
		CLIMetaMonth:    {"YYYY-MM", "YYYY-MM"},
		CLIMetaFile:     {"TỆP", "FILE"},
		CLIMetaAddr:     {"ĐỊA-CHỈ", "ADDR"},
		CLIMetaURL:      {"URL", "URL"},
		CLIMetaProvince: {"MÃ-TỈNH", "PROVINCE"},
		CLIMetaOfficer:  {"MÃ-CÁN-BỘ", "OFFICER"},
		CLIMetaMap:      {"CỘT=TRƯỜNG", "COLUMN=FIELD"},
		CLIMetaEmail:    {"EMAIL", "EMAIL"},
		CLIMetaNumber:   {"SỐ", "N"},
		CLIMetaText:     {"VĂN-BẢN", "TEXT"},
		CLIMetaValue:    {"GIÁ-TRỊ", "VALUE"},
		CLIDefaultWord:  {"mặc định", "default"},
		CLIDefaultIs:    {"mặc định: %s", "default: %s"},
		CLIFlagsWord:    {"[tham số]", "[flags]"},

		CLICmdHQServe:    {"chạy máy chủ Tổ công tác (HTTPS, trang làm việc trên trình duyệt)", "run the HQ server (HTTPS, the browser workspace)"},
		CLICmdHQEnroll:   {"cấp mã đăng ký cho cán bộ (--name, --province) hoặc cấp lại (--officer)", "issue an officer's enrollment code (--name, --province) or re-issue it (--officer)"},
		CLICmdHQRevoke:   {"thu hồi mã của cán bộ ngay lập tức", "revoke an officer's token at once"},
		CLICmdHQRespond:  {"trả lời một khó khăn, đổi trạng thái (--text, --status)", "answer a difficulty, change its status (--text, --status)"},
		CLICmdHQReview:   {"đánh giá một bản ghi: có vấn đề, duyệt hoặc mở lại (--state)", "review a record: has issues, approved or reopen (--state)"},
		CLICmdHQThread:   {"xem trao đổi về một khó khăn như Tổ công tác lưu", "a difficulty's thread as HQ holds it"},
		CLICmdHQNotice:   {"gửi thông báo đến mọi cán bộ (--title, --text)", "send a notice to every officer (--title, --text)"},
		CLICmdHQOfficers: {"danh sách cán bộ: tỉnh, lần đồng bộ cuối, số bản ghi", "the officers: province, last sync, counts"},
		CLICmdHQExport:   {"số liệu tổng hợp toàn quốc (xlsx, csv)", "the national roll-up (xlsx, csv)"},
		CLICmdHQReport:   {"báo cáo của Tổ công tác (Markdown, .docx)", "the working group's report (Markdown, .docx)"},
		CLICmdHQUser:     {"người dùng trang làm việc: add, list, disable, reset", "workspace users: add, list, disable, reset"},

		CLIEditUsage:      {"Cách dùng: sotay edit MÃ-BẢN-GHI --TRƯỜNG GIÁ-TRỊ …\n\nSửa các trường được nêu, lưu một lần (lần sửa tiếp theo), gửi Tổ công tác ở lần đồng bộ sau. Bản ghi Tổ công tác đã duyệt thì không sửa được. Các trường theo loại bản ghi:", "Usage: sotay edit RECORD-ID --FIELD VALUE …\n\nChanges the fields given and saves once (the next revision), sent to HQ with the next sync. A record HQ approved cannot be changed. The fields of each kind:"},
		CLIEditNothing:    {"chưa nêu trường nào để sửa: sotay edit MÃ --TRƯỜNG GIÁ-TRỊ", "no field to change: sotay edit ID --FIELD VALUE"},
		CLIEditWrongField: {"%s không phải trường của %s", "%s is not a field of a %s"},
		CLIEdited:         {"Đã sửa bản ghi %s (lần sửa %d)", "Saved record %s (revision %d)"},
		CLIFlagYes:        {"xóa luôn, không hỏi lại", "delete without asking"},
		CLIDeleteNeedYes:  {"không có bàn phím để hỏi xác nhận: thêm --yes để xóa", "no terminal to ask for confirmation: add --yes to delete"},
		CLIDeleteAsk:      {"Xóa %s ngày %s «%s»? Có thể khôi phục trong 30 ngày từ thùng rác. [c/K] ", "Delete the %s of %s «%s»? It can be restored from the recycle bin for 30 days. [y/N] "},
		CLIDeleteKept:     {"Không xóa.", "Not deleted."},
		CLIDeleted:        {"Đã xóa bản ghi %s (khôi phục được trong 30 ngày)", "Deleted record %s (restorable for 30 days)"},

		CLIImportUsage:     {"Cách dùng: sotay import TỆP.csv|TỆP.xlsx [--kind K] [--map CỘT=TRƯỜNG …] [--dry-run] [--skip-invalid]\n\nNhập sổ ghi chép cũ: dòng đầu là tên cột (tiếng Việt hoặc tiếng Anh, có dấu hay không đều được: «Ngày», «Xã/phường», «Nội dung»…), mỗi dòng sau là một bản ghi. Ngày viết dd/mm/yyyy, yyyy-mm-dd hoặc là ô ngày của Excel.\nTrước hết in các dòng lỗi (số dòng, tên cột, lỗi gì) và các bản ghi sẽ tạo. Chỉ ghi khi mọi dòng hợp lệ, hoặc với --skip-invalid thì ghi các dòng hợp lệ. Nhập lại cùng tệp không tạo bản ghi trùng.\nMã thoát: 0 khi nhập được (hoặc chạy thử không có dòng lỗi); 1 khi có dòng lỗi mà không có --skip-invalid, kể cả khi chạy thử (--dry-run), để một kịch bản biết tệp chưa nhập được.", "Usage: sotay import FILE.csv|FILE.xlsx [--kind K] [--map COLUMN=FIELD …] [--dry-run] [--skip-invalid]\n\nImports an old log: the first row names the columns (in Vietnamese or English, with or without accents: «Ngày», «Xã/phường», «Date», «Content»…), each later row is one record. Dates are dd/mm/yyyy, yyyy-mm-dd or Excel date cells.\nFirst prints every bad row (row number, column, problem) and the records it would create. Writes only when every row is valid, or with --skip-invalid the valid rows. Importing the same file again creates no duplicates.\nExit status: 0 when the rows can be imported (or a dry run finds no bad row); 1 when a row is bad without --skip-invalid, a dry run (--dry-run) included, so that a script knows the file would not import."},
		CLIFlagImportKind:  {"loại bản ghi của mọi dòng (mặc định: đoán theo tên cột)", "the kind of every row (default: told from the columns)"},
		CLIFlagImportMap:   {"cột nào là trường nào, ví dụ --map \"Công việc=content\" (lặp lại được)", "which field a column is, e.g. --map \"Work done=content\" (repeatable)"},
		CLIFlagDryRun:      {"chỉ xem trước, không ghi gì; có dòng lỗi (mà không có --skip-invalid) thì thoát với mã 1, như khi nhập thật", "preview only, write nothing; exits 1 if a row is bad (without --skip-invalid), as the import itself would"},
		CLIFlagSkipInvalid: {"bỏ qua các dòng lỗi, nhập các dòng hợp lệ", "skip the bad rows, import the valid ones"},
		CLIImportNeedFile:  {"cần đúng một tệp: sotay import TỆP.csv|TỆP.xlsx", "needs exactly one file: sotay import FILE.csv|FILE.xlsx"},
		CLIImportBadMap:    {"--map «%s»: viết CỘT=TRƯỜNG, với TRƯỜNG là tên trường (ví dụ date, commune, content)", "--map «%s»: write COLUMN=FIELD, FIELD a field's name (e.g. date, commune, content)"},
		CLIImportFormat:    {"«%s»: chỉ nhập được tệp .csv hoặc .xlsx", "«%s»: only .csv and .xlsx files can be imported"},
		CLIImportNoKind:    {"không đoán được loại bản ghi từ tên cột: thêm --kind log, difficulty hoặc training", "cannot tell the kind of record from the columns: add --kind log, difficulty or training"},
		CLIImportNoColumns: {"«%s»: không cột nào khớp với trường của sổ tay; đặt tên cột như «Ngày», «Xã/phường», «Nội dung» hoặc dùng --map", "«%s»: no column matches a field; name the columns like «Date», «Commune», «Content» or use --map"},
		CLIImportEmpty:     {"«%s» không có dòng tên cột", "«%s» has no header row"},
		CLIImportTooMany:   {"tệp có hơn %d dòng: chia nhỏ tệp rồi nhập từng phần", "the file has more than %d rows: split it and import each part"},
		CLIImportReading:   {"Đang đọc: %d/%d dòng", "Reading: %d/%d rows"},
		CLIImportSaving:    {"Đang ghi: %d/%d bản ghi", "Saving: %d/%d records"},
		CLIImportProblem:   {"Dòng %d, cột «%s»: %s", "Row %d, column «%s»: %s"},
		CLIImportRepeat:    {"Dòng %d giống hệt dòng %d: bỏ qua", "Row %d is the same as row %d: skipped"},
		CLIImportPreview:   {"Sẽ tạo:", "Would create:"},
		CLIImportRowWord:   {"dòng", "row"},
		CLIImportMore:      {"… và %d bản ghi nữa", "… and %d more"},
		CLIImportSummary:   {"%d dòng: %d bản ghi mới, %d đã nhập trước đây, %d dòng lặp lại, %d dòng lỗi.", "%d rows: %d new records, %d imported before, %d repeated rows, %d bad rows."},
		CLIImportRefused:   {"%d dòng lỗi: chưa ghi gì. Sửa tệp, hoặc thêm --skip-invalid để chỉ nhập các dòng hợp lệ", "%d bad rows: nothing written. Fix the file, or add --skip-invalid to import only the valid rows"},
		CLIImportDryRun:    {"Chạy thử (--dry-run): chưa ghi gì.", "Dry run (--dry-run): nothing written."},
		CLIImportNothing:   {"Không có bản ghi mới nào để nhập.", "No new record to import."},
		CLIImportDone:      {"Đã nhập %d bản ghi mới (sẽ gửi Tổ công tác ở lần đồng bộ sau).", "Imported %d new records (sent to HQ with the next sync)."},

		CLICompletionUsage: {"Cách dùng: sotay completion bash|zsh|fish|powershell\n\nIn đoạn mã gợi ý gõ lệnh (tên lệnh, tham số, loại bản ghi, tên trường, mã tỉnh) cho shell. Ví dụ:\n  bash: source <(sotay completion bash)   (thêm vào ~/.bashrc để dùng lâu dài)\n  zsh: source <(sotay completion zsh)\n  fish: sotay completion fish | source\n  PowerShell: sotay completion powershell | Out-String | Invoke-Expression", "Usage: sotay completion bash|zsh|fish|powershell\n\nPrints the shell's completion script (commands, flags, kinds, field names, province slugs). For example:\n  bash: source <(sotay completion bash)   (add it to ~/.bashrc to keep it)\n  zsh: source <(sotay completion zsh)\n  fish: sotay completion fish | source\n  PowerShell: sotay completion powershell | Out-String | Invoke-Expression"},
		CLICompletionShell: {"cần tên một shell: %s", "needs a shell: %s"},

		CLICmdEdit:       {"sửa một bản ghi: sotay edit MÃ --TRƯỜNG GIÁ-TRỊ …", "edit a record: sotay edit ID --FIELD VALUE …"},
		CLICmdDelete:     {"xóa một bản ghi (khôi phục được trong 30 ngày): sotay delete MÃ [--yes]", "delete a record (restorable for 30 days): sotay delete ID [--yes]"},
		CLICmdImport:     {"nhập sổ cũ từ tệp .csv hoặc .xlsx: [--kind K] [--map CỘT=TRƯỜNG] [--dry-run] [--skip-invalid]", "import old logs from .csv or .xlsx: [--kind K] [--map COLUMN=FIELD] [--dry-run] [--skip-invalid]"},
		CLICmdCompletion: {"gợi ý gõ lệnh cho shell: bash, zsh, fish, powershell", "shell completion script: bash, zsh, fish, powershell"},
	}
}
