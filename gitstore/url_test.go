package gitstore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A credential anywhere in a URL's user-info is refused before anything is
// stored or sent, whether the URL parses or not, and the message never
// echoes it; an SSH login name is not a credential.
func TestRemoteURLCredentialsRefused(t *testing.T) {
	t.Parallel()
	const token = "ghp_S3CRETtoken"
	refused := []string{
		"https://" + token + "@github.com/northwind/data.git",
		"https://me:" + token + "@github.com/northwind/data.git",
		"https://me:" + token + "%zz@github.com/northwind/data.git", // does not parse
		"http://" + token + "@127.0.0.1:8080/data.git",
		"https://" + token + ":x-oauth-basic@github.com/northwind/data.git",
		"ssh://git:" + token + "@github.com/northwind/data.git",
		"git:" + token + "@github.com:northwind/data.git",
	}
	s := newRepo(t)
	for _, u := range refused {
		err := s.SetRemote(u)
		if err == nil {
			t.Errorf("SetRemote(%q) was accepted", u)
			continue
		}
		if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), "S3CRET") {
			t.Errorf("SetRemote(%q) echoed the token: %v", u, err)
		}
		if !strings.Contains(err.Error(), "ACCORD_TOKEN") || !strings.Contains(err.Error(), "credential") {
			t.Errorf("SetRemote(%q) does not say where a token goes: %v", u, err)
		}
		dir := filepath.Join(t.TempDir(), "clone")
		_, err = Clone(remoteCtx(t), u, dir, RemoteOptions{})
		if err == nil || strings.Contains(err.Error(), "S3CRET") {
			t.Errorf("Clone(%q): %v; want a refusal without the token", u, err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a refused clone of %q made %s", u, dir)
		}
	}
	if _, err := s.RemoteURL(); !errors.Is(err, ErrNoRemote) {
		t.Errorf("after refused URLs the remote is set: %v", err)
	}
	noSecretIn(t, filepath.Join(s.Dir(), ".git"), "S3CRET")
	for _, u := range []string{
		"https://github.com/northwind/data.git",
		"git@github.com:northwind/data.git",
		"ssh://git@github.com:2222/northwind/data.git",
		"/srv/git/data.git",
		"file:///srv/git/data.git",
	} {
		if err := s.SetRemote(u); err != nil {
			t.Errorf("SetRemote(%q): %v", u, err)
		}
		if got, _ := s.RemoteURL(); got != u {
			t.Errorf("RemoteURL after SetRemote(%q) = %q", u, got)
		}
	}
}

// A remote another tool stored with a token is never shown with it.
func TestRemoteURLNeverShowsUserInfo(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	gitCmd(t, s.Dir(), "remote", "add", "origin", "https://me:S3CRET@git.example.com/data.git")
	if u, err := s.RemoteURL(); err != nil || u != "https://git.example.com/data.git" {
		t.Errorf("RemoteURL = %q, %v; want it without the user-info", u, err)
	}
	for in, want := range map[string]string{
		"https://S3CRET@host/x.git":         "https://host/x.git",
		"https://me:S3CRET%zz@host/x.git":   "https://host/x.git",
		"ssh://git@host/x.git":              "ssh://git@host/x.git",
		"ssh://git:S3CRET@host/x.git":       "ssh://host/x.git",
		"git@host:org/x.git":                "git@host:org/x.git",
		"git:S3CRET@host:org/x.git":         "host:org/x.git",
		"https://host/path/with@sign/x.git": "https://host/path/with@sign/x.git",
		"https://host:S3CRET@/x.git":        "https:///x.git",
		"not a url":                         "not a url",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"https://me:S3CRET@host/x", "git:S3CRET@host:x", "https://S3CRET%zz@h/", "ssh://a:S3CRET@h:22/x", "S3CRET"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		_, info, rest, ok := splitUserInfo(u)
		_, pw, hasPW := strings.Cut(info, ":")
		if !ok || !hasPW || len(pw) < 4 || strings.Contains(rest, pw) {
			return
		}
		if strings.Contains(redact(u), pw) {
			t.Errorf("redact(%q) = %q still holds the password", u, redact(u))
		}
		if err := checkRemoteURL(u); err == nil || strings.Contains(err.Error(), pw) {
			t.Errorf("checkRemoteURL(%q) = %v; want a refusal without the password", u, err)
		}
	})
}
