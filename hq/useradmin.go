package hq

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"sotay/sync/wire"
)

// UserAdmin is what `sotay hq user …` does, through the running server's
// socket or on the database, as Admin is for officers.
type UserAdmin interface {
	// AddUser creates a user and returns the one-time link that sets their
	// password and second factor.
	AddUser(ctx context.Context, name, email string, role Role, provinces []string) (UserLink, error)
	// ResetUser gives a user a new setup link (lost password or phone).
	ResetUser(ctx context.Context, idOrEmail string) (UserLink, error)
	DisableUser(ctx context.Context, idOrEmail string) error
	Users(ctx context.Context) ([]User, error)
}

// UserLink is a user without secrets and their setup link.
type UserLink struct {
	User User   `json:"user"`
	Link string `json:"link"`
}

// SetupPath is where a setup link points on the workspace; the token
// follows it.
const SetupPath = "/setup/"

// OpenUserAdmin reaches HQ's users in dir, as OpenAdmin does officers.
func OpenUserAdmin(dir string) (UserAdmin, func() error, error) {
	adm, closeFn, err := OpenAdmin(dir)
	if err != nil {
		return nil, nil, err
	}
	switch a := adm.(type) {
	case *dbAdmin:
		return a, closeFn, nil
	case *socketAdmin:
		return socketUserAdmin{a}, closeFn, nil
	}
	closeFn()
	return nil, nil, fmt.Errorf("user admin: unexpected admin %T", adm)
}

func (a *dbAdmin) link(token string) (string, error) {
	url, _, err := a.db.Served()
	if err != nil {
		return "", err
	}
	if url == "" {
		return "", ErrNotServed
	}
	return strings.TrimSuffix(url, "/") + SetupPath + token, nil
}

func (a *dbAdmin) AddUser(_ context.Context, name, email string, role Role, provinces []string) (UserLink, error) {
	if _, err := a.link(""); err != nil {
		return UserLink{}, err
	}
	u, token, err := a.db.AddUser(name, email, role, provinces)
	if err != nil {
		return UserLink{}, err
	}
	link, err := a.link(token)
	return UserLink{User: u.Public(), Link: link}, err
}

func (a *dbAdmin) userID(idOrEmail string) (string, error) {
	if strings.Contains(idOrEmail, "@") {
		u, err := a.db.UserByEmail(idOrEmail)
		return u.ID, err
	}
	return idOrEmail, nil
}

func (a *dbAdmin) ResetUser(_ context.Context, idOrEmail string) (UserLink, error) {
	id, err := a.userID(idOrEmail)
	if err != nil {
		return UserLink{}, err
	}
	if _, err := a.link(""); err != nil {
		return UserLink{}, err
	}
	u, token, err := a.db.ResetUser(id)
	if err != nil {
		return UserLink{}, err
	}
	link, err := a.link(token)
	return UserLink{User: u.Public(), Link: link}, err
}

func (a *dbAdmin) DisableUser(_ context.Context, idOrEmail string) error {
	id, err := a.userID(idOrEmail)
	if err != nil {
		return err
	}
	return a.db.DisableUser(id)
}

func (a *dbAdmin) Users(context.Context) ([]User, error) {
	us, err := a.db.Users()
	for i := range us {
		us[i] = us[i].Public()
	}
	return us, err
}

type userRequest struct {
	Name      string   `json:"name,omitempty"`
	Email     string   `json:"email,omitempty"`
	Role      Role     `json:"role,omitempty"`
	Provinces []string `json:"provinces,omitempty"`
	User      string   `json:"user,omitempty"`
}

// serveUserAdmin answers the socket's /user/… actions.
func serveUserAdmin(a Admin, w http.ResponseWriter, r *http.Request) {
	da, ok := a.(*dbAdmin)
	if !ok {
		writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such admin action")
		return
	}
	var req userRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, wire.CodeBadJSON, "not a user request")
		return
	}
	ctx := r.Context()
	var out any
	var err error
	switch r.URL.Path {
	case "/user/add":
		out, err = da.AddUser(ctx, req.Name, req.Email, req.Role, req.Provinces)
	case "/user/reset":
		out, err = da.ResetUser(ctx, req.User)
	case "/user/disable":
		err = da.DisableUser(ctx, req.User)
		out = map[string]bool{"ok": true}
	case "/user/list":
		out, err = da.Users(ctx)
	default:
		writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such admin action")
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, adminCode(err), err.Error())
		return
	}
	writeJSON(w, http.StatusOK, out)
}

type socketUserAdmin struct{ a *socketAdmin }

func (s socketUserAdmin) call(ctx context.Context, action string, req userRequest, out any) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return s.a.call(ctx, "user/"+action, req, out)
}

func (s socketUserAdmin) AddUser(ctx context.Context, name, email string, role Role, provinces []string) (UserLink, error) {
	var out UserLink
	err := s.call(ctx, "add", userRequest{Name: name, Email: email, Role: role, Provinces: provinces}, &out)
	return out, err
}

func (s socketUserAdmin) ResetUser(ctx context.Context, idOrEmail string) (UserLink, error) {
	var out UserLink
	err := s.call(ctx, "reset", userRequest{User: idOrEmail}, &out)
	return out, err
}

func (s socketUserAdmin) DisableUser(ctx context.Context, idOrEmail string) error {
	var out map[string]bool
	return s.call(ctx, "disable", userRequest{User: idOrEmail}, &out)
}

func (s socketUserAdmin) Users(ctx context.Context) ([]User, error) {
	var out []User
	err := s.call(ctx, "list", userRequest{}, &out)
	return out, err
}
