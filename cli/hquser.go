package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"sotay/hq"
	"sotay/i18n"
)

// hqUser runs `sotay hq user add|list|disable|reset`: the people of the
// working group who use the workspace in the browser.
func (a *app) hqUser(ctx context.Context, fs *flag.FlagSet, args []string) error {
	if len(args) == 0 || isHelp(args[:1]) {
		fmt.Fprintln(a.env.Stdout, a.cat.T("hq.user.usage"))
		if len(args) == 0 {
			return &usageError{a.cat.T("hq.user.usage")}
		}
		return nil
	}
	sub, args := args[0], args[1:]
	var name, email, role string
	var provinces multiFlag
	var asJSON bool
	switch sub {
	case "add":
		fs.StringVar(&name, "name", "", a.cat.T(i18n.CLIFlagName))
		fs.StringVar(&email, "email", "", a.cat.T("web.signin.email"))
		choiceVar(fs, &role, "role", "", a.cat.T("web.users.role"), roleNames())
		fs.Var(&provinces, "province", a.cat.T(i18n.CLIFlagProvince))
		if err := a.parseNone(fs, args); err != nil {
			return err
		}
		if name == "" || email == "" || role == "" {
			return &usageError{a.cat.T("hq.user.need_add")}
		}
	case "list":
		fs.BoolVar(&asJSON, "json", false, a.cat.T(i18n.CLIFlagJSON))
		if err := a.parseNone(fs, args); err != nil {
			return err
		}
	case "disable", "reset":
		rest, err := a.parse(fs, args)
		if err != nil {
			return err
		}
		if len(rest) != 1 {
			return &usageError{a.cat.T("hq.user.need_one")}
		}
		email = rest[0]
	default:
		return &usageError{a.cat.T("hq.user.usage")}
	}
	dir, err := a.hqDir()
	if err != nil {
		return err
	}
	ua, closeFn, err := hq.OpenUserAdmin(dir)
	if err != nil {
		return err
	}
	a.closeFn = append(a.closeFn, func() { closeFn() })
	switch sub {
	case "add":
		ul, err := ua.AddUser(ctx, name, email, hq.Role(role), provinces)
		if err != nil {
			return err
		}
		fmt.Fprintln(a.env.Stderr, a.cat.T("hq.user.added", ul.User.Name, ul.User.ID))
		fmt.Fprintln(a.env.Stdout, ul.Link)
	case "reset":
		ul, err := ua.ResetUser(ctx, email)
		if err != nil {
			return err
		}
		fmt.Fprintln(a.env.Stderr, a.cat.T("hq.user.reset", ul.User.Email))
		fmt.Fprintln(a.env.Stdout, ul.Link)
	case "disable":
		if err := ua.DisableUser(ctx, email); err != nil {
			return err
		}
		fmt.Fprintln(a.env.Stdout, a.cat.T("hq.user.disabled", email))
	case "list":
		users, err := ua.Users(ctx)
		if err != nil {
			return err
		}
		if asJSON {
			if users == nil {
				users = []hq.User{}
			}
			enc := json.NewEncoder(a.env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(users)
		}
		if len(users) == 0 {
			fmt.Fprintln(a.env.Stdout, a.cat.T("hq.user.none"))
			return nil
		}
		tw := tabwriter.NewWriter(a.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "ID\t%s\t%s\t%s\t%s\t%s\n", a.cat.T("field.name"), a.cat.T("web.signin.email"),
			a.cat.T("web.users.role"), a.cat.T("web.users.provinces"), a.cat.T("hq.user.col_state"))
		for _, u := range users {
			state := a.cat.T("web.users.active")
			switch {
			case !u.Disabled.IsZero():
				state = a.cat.T("web.users.disabled")
			case !u.SetupUntil.IsZero():
				state = a.cat.T("web.users.pending")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Name, u.Email, a.cat.T(i18n.Key("web.role."+string(u.Role))),
				strings.Join(u.Provinces, ","), state)
		}
		return tw.Flush()
	}
	return nil
}

// hqUserVerbs are the verbs of `sotay hq user`, for completion.
func hqUserVerbs() []string { return []string{"add", "list", "disable", "reset"} }

// multiFlag is a flag given several times (--province a --province b),
// or once with commas.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

func (m *multiFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*m = append(*m, p)
		}
	}
	return nil
}

// roleNames are the roles --role accepts.
func roleNames() []string {
	var out []string
	for _, r := range hq.Roles() {
		out = append(out, string(r))
	}
	return out
}
