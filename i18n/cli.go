package i18n

// Keys of the command line.
const (
	CLIUsageTitle     Key = "cli.usage.title"
	CLIUsageCommands  Key = "cli.usage.commands"
	CLIUsageGlobal    Key = "cli.usage.global"
	CLIUsageMore      Key = "cli.usage.more"
	CLIHelpHint       Key = "cli.help_hint"
	CLIUnknownCommand Key = "cli.unknown_command"
	CLIUnexpectedArg  Key = "cli.unexpected_arg"
	CLIUnknownFlag    Key = "cli.unknown_flag"
	CLIFlagNeedsValue Key = "cli.flag_needs_value"
	CLIFlagBadValue   Key = "cli.flag_bad_value"
	CLINoCommand      Key = "cli.no_command"
	CLINeedKind       Key = "cli.need_kind"
	CLIUnknownKind    Key = "cli.unknown_kind"
	CLIKindUsage      Key = "cli.kind_usage"
	CLIRequired       Key = "cli.required"
	CLITodayWords     Key = "cli.today_words"
	CLINumber         Key = "cli.number"
	CLIBadLimit       Key = "cli.bad_limit"
	CLIBadDateFlag    Key = "cli.bad_date_flag"
	CLIBadFormat      Key = "cli.bad_format"
	CLINoRecords      Key = "cli.no_records"
	CLIWrote          Key = "cli.wrote"
	CLIInitDone       Key = "cli.init_done"
	CLINotebook       Key = "cli.notebook"
	CLIPending        Key = "cli.pending"
	CLIParked         Key = "cli.parked"
	CLINoHQ           Key = "cli.no_hq"
	CLINever          Key = "cli.never"
	CLILastSync       Key = "cli.last_sync"
	CLILastError      Key = "cli.last_error"

	CLICmdTUI    Key = "cli.cmd.tui"
	CLICmdInit   Key = "cli.cmd.init"
	CLICmdAdd    Key = "cli.cmd.add"
	CLICmdList   Key = "cli.cmd.list"
	CLICmdStatus Key = "cli.cmd.status"
	CLICmdExport Key = "cli.cmd.export"

	CLICmdVersion      Key = "cli.cmd.version"
	CLIVersionCommit   Key = "cli.version.commit"
	CLIVersionDate     Key = "cli.version.date"
	CLIVersionUnknown  Key = "cli.version.unknown"
	CLIVersionModified Key = "cli.version.modified"
	CLIFlagVersion     Key = "cli.flag.version"

	CLIFlagDataDir  Key = "cli.flag.data_dir"
	CLIFlagLang     Key = "cli.flag.lang"
	CLIFlagName     Key = "cli.flag.name"
	CLIFlagProvince Key = "cli.flag.province"
	CLIFlagPosition Key = "cli.flag.position"
	CLIFlagHQCode   Key = "cli.flag.hq_code"
	CLIFlagSearch   Key = "cli.flag.search"
	CLIFlagJSON     Key = "cli.flag.json"
	CLIFlagFrom     Key = "cli.flag.from"
	CLIFlagTo       Key = "cli.flag.to"
	CLIFlagLimit    Key = "cli.flag.limit"
	CLIFlagFormat   Key = "cli.flag.format"
	CLIFlagOut      Key = "cli.flag.out"
)

func cliMessages() map[Key]msg {
	return map[Key]msg{
		CLIUsageTitle:     {"sotay — Sổ tay công tác của cán bộ biệt phái\n\nCách dùng: sotay [--data-dir THƯ-MỤC] [--lang vi|en] <lệnh> [tham số]", "sotay — the seconded official's work notebook\n\nUsage: sotay [--data-dir DIR] [--lang vi|en] <command> [flags]"},
		CLIUsageCommands:  {"Các lệnh:", "Commands:"},
		CLIUsageGlobal:    {"Tham số chung:", "Global flags:"},
		CLIUsageMore:      {"«sotay <lệnh> --help» để xem tham số của từng lệnh.\nThư mục dữ liệu: --data-dir, hoặc biến SOTAY_DATA_DIR, mặc định là thư mục dữ liệu người dùng của hệ điều hành.", "«sotay <command> --help» shows each command's flags.\nData directory: --data-dir, else SOTAY_DATA_DIR, else the OS per-user data directory."},
		CLIHelpHint:       {"Gõ «sotay --help» để xem hướng dẫn (see «sotay --help»).", "See «sotay --help»."},
		CLIUnknownCommand: {"không có lệnh «%s» (unknown command)", "unknown command «%s»"},
		CLIUnexpectedArg:  {"tham số thừa «%s» (unexpected argument)", "unexpected argument «%s»"},
		CLIUnknownFlag:    {"không có tham số «%s» (unknown flag)", "unknown flag «%s»"},
		CLIFlagNeedsValue: {"tham số «%s» cần một giá trị (flag needs a value)", "flag «%s» needs a value"},
		CLIFlagBadValue:   {"tham số %s: giá trị %s không hợp lệ; dùng: %s (invalid value)", "flag %s: invalid value %s; use: %s"},
		CLINoCommand:      {"(không lệnh)", "(none)"},
		CLINeedKind:       {"hãy cho biết loại bản ghi: log, difficulty hoặc training (record kind needed)", "say which kind of record: log, difficulty or training"},
		CLIUnknownKind:    {"không có loại bản ghi «%s»; chọn log, difficulty hoặc training (unknown kind)", "unknown kind «%s»; use log, difficulty or training"},
		CLIKindUsage:      {"Cách dùng: sotay %s log|difficulty|training [tham số]", "Usage: sotay %s log|difficulty|training [flags]"},
		CLIRequired:       {"(bắt buộc)", "(required)"},
		CLITodayWords:     {"«hôm nay», «hôm qua», «t2»…«cn», «t6 tuần trước»", "«today», «yesterday», «mon»…«sun», «last fri»"},
		CLINumber:         {"số", "number"},
		CLIBadLimit:       {"--limit phải là số không âm (--limit must not be negative)", "--limit must not be negative"},
		CLIBadDateFlag:    {"--%s: «%s» không phải ngày dd/mm/yyyy (not a date)", "--%s: «%s» is not a date (dd/mm/yyyy)"},
		CLIBadFormat:      {"định dạng «%s» không hỗ trợ; chọn: %s (unsupported format)", "unsupported format «%s»; use one of: %s"},
		CLINoRecords:      {"Không có bản ghi nào.", "No records."},
		CLIWrote:          {"Đã ghi %s", "Wrote %s"},
		CLIInitDone:       {"Đã thiết lập sổ tay: %s", "Notebook set up: %s"},
		CLINotebook:       {"Sổ tay", "Notebook"},
		CLIPending:        {"Chờ gửi về Tổ công tác", "Waiting to sync"},
		CLIParked:         {"Bị Tổ công tác từ chối, cần sửa (xem «sotay sync»)", "Refused by HQ, to be fixed (see «sotay sync»)"},
		CLINoHQ:           {"chưa kết nối (chưa có mã đăng ký)", "not linked (no enrollment code)"},
		CLINever:          {"chưa lần nào", "never"},
		CLILastSync:       {"Đồng bộ lần cuối", "Last sync"},
		CLILastError:      {"Lỗi lần cuối", "Last error"},

		CLICmdTUI:    {"mở sổ tay (lần đầu: thiết lập)", "open the notebook (first run: setup)"},
		CLICmdInit:   {"thiết lập sổ tay: --name, --province, [--position], [--hq-code]", "set up the notebook: --name, --province, [--position], [--hq-code]"},
		CLICmdAdd:    {"thêm bản ghi: sotay add log|difficulty|training --TRƯỜNG GIÁ-TRỊ …; in ra mã bản ghi", "add a record: sotay add log|difficulty|training --FIELD VALUE …; prints its id"},
		CLICmdList:   {"liệt kê bản ghi, mới nhất trước: [--search Q] [--json]", "list records, newest first: [--search Q] [--json]"},
		CLICmdStatus: {"tình trạng: số bản ghi chờ gửi, lần đồng bộ cuối, lỗi: [--json]", "status: records waiting, last sync, last error: [--json]"},
		CLICmdExport: {"xuất toàn bộ bản ghi: [--format json|csv] [-o TỆP]", "export every record: [--format json|csv] [-o FILE]"},

		CLICmdVersion:      {"phiên bản, commit, ngày build và phiên bản Go: [--json]", "version, commit, build date and Go version: [--json]"},
		CLIVersionCommit:   {"Commit", "Commit"},
		CLIVersionDate:     {"Ngày build", "Built"},
		CLIVersionUnknown:  {"không rõ", "unknown"},
		CLIVersionModified: {"(có thay đổi chưa commit)", "(with uncommitted changes)"},
		CLIFlagVersion:     {"in phiên bản rồi thoát", "print the version and exit"},

		CLIFlagDataDir:  {"thư mục chứa sổ tay", "directory holding the notebook"},
		CLIFlagLang:     {"ngôn ngữ: vi (mặc định) hoặc en", "language: vi (default) or en"},
		CLIFlagName:     {"họ và tên cán bộ", "the officer's name"},
		CLIFlagProvince: {"tỉnh/thành phố (mã, ví dụ ha-noi, da-nang)", "province slug, e.g. ha-noi, da-nang"},
		CLIFlagPosition: {"chức vụ", "position"},
		CLIFlagHQCode:   {"mã đăng ký do Tổ công tác cấp", "enrollment code from HQ"},
		CLIFlagSearch:   {"tìm theo từ (không dấu cũng được)", "search words (accents optional)"},
		CLIFlagJSON:     {"in JSON", "print JSON"},
		CLIFlagFrom:     {"từ ngày (dd/mm/yyyy)", "from date (dd/mm/yyyy)"},
		CLIFlagTo:       {"đến ngày (dd/mm/yyyy)", "to date (dd/mm/yyyy)"},
		CLIFlagLimit:    {"số bản ghi tối đa (0 = tất cả)", "at most this many records (0 = all)"},
		CLIFlagFormat:   {"định dạng: json hoặc csv", "format: json or csv"},
		CLIFlagOut:      {"ghi ra tệp (mặc định: màn hình)", "write to this file (default: standard output)"},
	}
}
