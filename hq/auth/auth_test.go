package auth

import (
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("đúng mật khẩu dài")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "đúng mật khẩu dài") {
		t.Error("the right password is refused")
	}
	if CheckPassword(h, "sai mật khẩu dài") {
		t.Error("a wrong password is accepted")
	}
	if CheckPassword("", "") || CheckPassword("", "sotay-dummy-password") {
		t.Error("a user without a password signs in")
	}
	if _, err := HashPassword("short"); err != ErrShortPassword {
		t.Errorf("short password: %v", err)
	}
	if CheckPassword("$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA", "x") {
		t.Error("a hostile hash is used")
	}
}

func TestTOTP(t *testing.T) {
	k, err := NewTOTP("sotay HQ", "an@example.vn")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	code, err := totp.GenerateCode(k.Secret(), now)
	if err != nil {
		t.Fatal(err)
	}
	step, ok := CheckTOTP(k.Secret(), code, now.Add(20*time.Second))
	if !ok || step != now.Unix()/30 {
		t.Errorf("a fresh code: step %d ok %v", step, ok)
	}
	if _, ok := CheckTOTP(k.Secret(), code, now.Add(5*time.Minute)); ok {
		t.Error("an old code is accepted")
	}
	if _, ok := CheckTOTP(k.Secret(), "12345", now); ok {
		t.Error("a 5-digit code is accepted")
	}
	k2, err := TOTPKey("sotay HQ", "an@example.vn", k.Secret())
	if err != nil || k2.Secret() != k.Secret() {
		t.Errorf("rebuilt key: %v %v", k2, err)
	}
}
