package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"sotay/domain"
	"sotay/hq"
	"sotay/hq/web"
	"sotay/i18n"
	"sotay/record"
)

func hqCommand() command {
	return command{name: "hq", summary: i18n.CLICmdHQ, run: runHQ}
}

// hqDir is HQ's data directory: --data-dir, then SOTAY_HQ_DATA_DIR, then
// "sotay-hq" beside the notebook's default directory.
func (a *app) hqDir() (string, error) {
	if a.dataDir != "" {
		return a.dataDir, nil
	}
	if d := a.env.Getenv("SOTAY_HQ_DATA_DIR"); d != "" {
		return d, nil
	}
	d, err := defaultDataDir(a.env.Getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(d), "sotay-hq"), nil
}

// runHQ dispatches `sotay hq SUB`.
func runHQ(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	// Global flags may come before the subcommand.
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		if isHelp(args[:1]) {
			fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQUsage))
			return flag.ErrHelp
		}
		if err := fs.Parse(args); err != nil {
			return &usageError{err.Error()}
		}
		args = fs.Args()
	}
	if len(args) == 0 {
		fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.HQUsage))
		return &usageError{a.cat.T(i18n.HQNeedSub)}
	}
	sub := flag.NewFlagSet("sotay hq "+args[0], flag.ContinueOnError)
	// Flag errors are one line on stderr (a.fail), --help goes to stdout
	// once (a.parse): stdout carries codes and exports, never usage junk.
	sub.SetOutput(io.Discard)
	a.globalFlags(sub)
	if f := sub.Lookup("data-dir"); f != nil {
		f.Usage = a.cat.T(i18n.HQFlagDataDir)
	}
	if args[0] == "help" {
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQUsage))
		return nil
	}
	for _, s := range hqSubcommands() {
		if s.name == args[0] {
			return s.run(a, ctx, sub, args[1:])
		}
	}
	return &usageError{a.cat.T(i18n.HQUnknownSub, args[0])}
}

// hqSubcommand is one verb of `sotay hq`.
type hqSubcommand struct {
	name    string
	summary i18n.Key // its line in `sotay --help`
	run     func(a *app, ctx context.Context, fs *flag.FlagSet, args []string) error
}

// hqSubcommands lists HQ's verbs: runHQ dispatches from it and `sotay
// --help` lists it, so the two cannot drift apart.
func hqSubcommands() []hqSubcommand {
	return []hqSubcommand{
		{"serve", i18n.CLICmdHQServe, (*app).hqServe},
		{"enroll", i18n.CLICmdHQEnroll, (*app).hqEnroll},
		{"revoke", i18n.CLICmdHQRevoke, (*app).hqRevoke},
		{"respond", i18n.CLICmdHQRespond, (*app).hqRespond},
		{"review", i18n.CLICmdHQReview, (*app).hqReview},
		{"thread", i18n.CLICmdHQThread, (*app).hqThread},
		{"notice", i18n.CLICmdHQNotice, (*app).hqNotice},
		{"officers", i18n.CLICmdHQOfficers, (*app).hqOfficers},
		{"export", i18n.CLICmdHQExport, (*app).hqExport},
		{"report", i18n.CLICmdHQReport, (*app).hqReport},
		{"user", i18n.CLICmdHQUser, (*app).hqUser},
	}
}

func (a *app) hqServe(ctx context.Context, fs *flag.FlagSet, args []string) error {
	cfg := hq.Config{}
	fs.StringVar(&cfg.Addr, "addr", ":8443", a.cat.T(i18n.HQFlagAddr))
	fs.StringVar(&cfg.TLSCert, "tls-cert", "", a.cat.T(i18n.HQFlagCert))
	fs.StringVar(&cfg.TLSKey, "tls-key", "", a.cat.T(i18n.HQFlagKey))
	fs.BoolVar(&cfg.PlainHTTP, "plain-http", false, a.cat.T(i18n.HQFlagPlain))
	fs.StringVar(&cfg.PublicURL, "url", "", a.cat.T(i18n.HQFlagURL))
	fs.IntVar(&cfg.Limits.PerMinute, "rate", 600, a.cat.T(i18n.HQFlagRate))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	if (cfg.TLSCert == "") != (cfg.TLSKey == "") {
		return &usageError{a.cat.T(i18n.HQCertBoth)}
	}
	if cfg.PlainHTTP && cfg.PublicURL == "" {
		return &usageError{a.cat.T(i18n.HQPlainNoURL)}
	}
	if cfg.PublicURL != "" && !strings.HasPrefix(cfg.PublicURL, "https://") {
		return &usageError{a.cat.T(i18n.HQURLNotHTTPS)}
	}
	if !validAddr(cfg.Addr) {
		return &usageError{a.cat.T(i18n.HQBadAddr, cfg.Addr)}
	}
	dir, err := a.hqDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create HQ data directory: %w", err)
	}
	logf, err := os.OpenFile(filepath.Join(dir, "hq.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open HQ log: %w", err)
	}
	defer logf.Close()
	a.log = slog.New(slog.NewTextHandler(logf, nil))
	cfg.DataDir, cfg.Logger = dir, a.log
	cfg.Workspace = web.Workspace
	cfg.Ready = func(url string) {
		_, fp, _ := hqServed(dir)
		if fp == "" {
			fp = "-"
		}
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQServing, url, fp))
		if _, err := os.Stat(filepath.Join(dir, hq.AdminDownFile)); err == nil {
			fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.HQAdminDown))
		}
	}
	return hq.Serve(ctx, cfg)
}

// validAddr says whether addr is HOST:PORT with a port number (HOST may
// be empty: every interface).
func validAddr(addr string) bool {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535
}

// hqServed reads what the server serves as from the address file and the
// certificate in dir.
func hqServed(dir string) (url, fingerprint string, err error) {
	raw, err := os.ReadFile(filepath.Join(dir, hq.AddrFile))
	if err != nil {
		return "", "", err
	}
	cert, self, err := hq.LoadOrCreateCert(dir, "", "")
	if err == nil && self {
		fingerprint = hq.CertFingerprint(cert)
	}
	return strings.TrimSpace(string(raw)), fingerprint, nil
}

// admin reaches HQ: the running server's socket, or its database.
func (a *app) admin() (hq.Admin, error) {
	dir, err := a.hqDir()
	if err != nil {
		return nil, err
	}
	adm, closeFn, err := hq.OpenAdmin(dir)
	if err != nil {
		return nil, err
	}
	a.closeFn = append(a.closeFn, func() { closeFn() })
	return adm, nil
}

func (a *app) hqEnroll(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var name, province, url, officer string
	fs.StringVar(&name, "name", "", a.cat.T(i18n.CLIFlagName))
	choiceVar(fs, &province, "province", "", a.cat.T(i18n.CLIFlagProvince), domain.ProvinceSlugs())
	fs.StringVar(&url, "url", "", a.cat.T(i18n.HQFlagURL))
	fs.StringVar(&officer, "officer", "", a.cat.T(i18n.HQFlagOfficer))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	switch {
	case officer != "" && (name != "" || province != ""):
		return &usageError{a.cat.T(i18n.HQOfficerAndNew)}
	case officer == "" && (name == "" || province == ""):
		return &usageError{a.cat.T(i18n.HQNeedNameProv)}
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	var e hq.Enrolled
	msg := i18n.HQEnrolled
	if officer != "" {
		e, err = adm.Reissue(ctx, officer, url)
		msg = i18n.HQReissued
	} else {
		e, err = adm.Enroll(ctx, name, province, url)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stderr, a.cat.T(msg, e.Officer.Name, e.Officer.ID))
	fmt.Fprintln(a.env.Stdout, e.Code)
	return nil
}

func (a *app) hqRevoke(ctx context.Context, fs *flag.FlagSet, args []string) error {
	rest, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{a.cat.T(i18n.HQNeedOfficer)}
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	if err := adm.Revoke(ctx, rest[0]); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQRevokedDone, rest[0]))
	return nil
}

func (a *app) hqRespond(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var status, text, author string
	choiceVar(fs, &status, "status", "", a.cat.T(i18n.HQFlagStatus), domain.Slugs(domain.Statuses()))
	fs.StringVar(&text, "text", "", a.cat.T(i18n.HQFlagText))
	fs.StringVar(&author, "author", "Tổ công tác", a.cat.T(i18n.HQFlagAuthor))
	rest, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{a.cat.T(i18n.HQNeedRecord)}
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	ev, err := adm.Respond(ctx, rest[0], status, text, author)
	if err != nil {
		return err
	}
	switch {
	case ev.Seq == 0: // the status was already that, and no text: nothing sent
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQUnchanged, rest[0]))
	case ev.Response == nil || ev.Response.Text == "": // a status change alone
		label := ev.Status
		if t, ok := domain.Find(domain.Statuses(), ev.Status); ok {
			label = a.cat.Term(t)
		}
		fmt.Fprintln(a.env.Stdout, a.cat.T("hq.status_set", rest[0], label))
	default:
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQResponded, rest[0]))
	}
	return nil
}

func (a *app) hqNotice(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var title, text string
	fs.StringVar(&title, "title", "", a.cat.T(i18n.HQFlagTitle))
	fs.StringVar(&text, "text", "", a.cat.T(i18n.HQFlagText))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	if _, err := adm.Notice(ctx, title, text); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQNoticeSent))
	return nil
}

// officerJSON is an officer in `hq officers --json`: every field always
// there (null when never synced or not revoked), no token hash.
type officerJSON struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Province string         `json:"province"`
	Created  time.Time      `json:"created"`
	Revoked  *time.Time     `json:"revoked"`
	LastSync *time.Time     `json:"last_sync"`
	Client   *string        `json:"client_version"` // the sotay version of the last sync
	Counts   map[string]int `json:"counts"`         // live records per kind
}

func (a *app) hqOfficers(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var asJSON bool
	fs.BoolVar(&asJSON, "json", false, a.cat.T(i18n.CLIFlagJSON))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	officers, err := adm.Officers(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]officerJSON, len(officers))
		for i, o := range officers {
			out[i] = officerJSON{ID: o.ID, Name: o.Name, Province: o.Province, Created: o.Created, Counts: map[string]int{}}
			if !o.Revoked.IsZero() {
				out[i].Revoked = &officers[i].Revoked
			}
			if !o.LastSync.IsZero() {
				out[i].LastSync = &officers[i].LastSync
			}
			if o.Client != "" {
				out[i].Client = &officers[i].Client
			}
			for _, k := range record.Kinds() {
				out[i].Counts[string(k)] = o.Counts[string(k)]
			}
		}
		enc := json.NewEncoder(a.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(officers) == 0 {
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.HQNoOfficers))
		return nil
	}
	tw := tabwriter.NewWriter(a.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.cat.T(i18n.HQColOfficer), a.cat.T(i18n.HQColName),
		a.cat.T(i18n.HQColProvince), a.cat.T(i18n.HQColLastSync), a.cat.T(i18n.HQColClient),
		a.cat.T(i18n.KindLog), a.cat.T(i18n.KindDifficulty), a.cat.T(i18n.KindTraining))
	for _, o := range officers {
		last := a.cat.T(i18n.CLINever)
		if !o.LastSync.IsZero() {
			last = o.LastSync.Local().Format("02/01/2006 15:04")
		}
		if !o.Revoked.IsZero() {
			last += " (" + a.cat.T(i18n.HQColRevoked) + ")"
		}
		client := o.Client
		if client == "" {
			client = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", o.ID, o.Name, a.provinceName(o.Province), last, client,
			o.Counts["log"], o.Counts["difficulty"], o.Counts["training"])
	}
	return tw.Flush()
}
