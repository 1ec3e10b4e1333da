// Command sotay is the work notebook of an official seconded to a province
// (Sổ tay công tác), and the headquarters server that receives it. All of
// the work is in the packages; main only hands over the process.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"sotay/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.StdEnv())
	stop()
	os.Exit(code)
}
