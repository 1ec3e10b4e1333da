package i18n

// Keys of the command line.
const ()

func cliMessages() map[Key]msg {
	return map[Key]msg{}
}
