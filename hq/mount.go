package hq

import (
	"net/http"
	"strings"
)

// Mount serves the API under /v1/ and /v2/ and everything else from pages
// (the workspace in the browser), on one listener.
func Mount(api, pages http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == "/v1" || strings.HasPrefix(p, "/v1/") || p == "/v2" || strings.HasPrefix(p, "/v2/") {
			api.ServeHTTP(w, r)
			return
		}
		pages.ServeHTTP(w, r)
	})
}
