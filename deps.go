//go:build tools

package main

import (
	_ "charm.land/bubbles/v2/list"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/huh/v2"
	_ "charm.land/lipgloss/v2"
	_ "github.com/Shopify/toxiproxy/v2"
	_ "github.com/charmbracelet/x/exp/teatest/v2"
	_ "github.com/klauspost/compress/zstd"
	_ "github.com/xuri/excelize/v2"
	_ "go.etcd.io/bbolt"
	_ "golang.org/x/text/unicode/norm"
)
