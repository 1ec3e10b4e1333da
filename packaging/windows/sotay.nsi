; The per-user Windows installer of sotay (Sổ tay công tác), built on Linux
; by .ci/release with Debian's makensis:
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=1.2.0 -DVERSION4=1.2.0.0 \
;     -DEXE_AMD64=dist/sotay-windows-amd64.exe -DEXE_ARM64=dist/sotay-windows-arm64.exe \
;     -DICON=sotay.ico -DOUTFILE=dist/sotay-setup-1.2.0.exe packaging/windows/sotay.nsi
;
; Officers' laptops are locked down: no administrator rights. Everything
; goes to the user's own places: the program to %LocalAppData%\Programs\sotay,
; the Start-menu entry to the user's Start menu, the uninstaller's
; registration to HKCU. The notebook lives in %LocalAppData%\sotay (not
; Programs\sotay) and the uninstaller never touches it.
;
; /S installs or uninstalls silently.

Unicode true
; A 64-bit installer stub: it runs on x64 Windows and on Windows 11 on Arm
; (x64 emulation), where it installs the arm64 build.
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION | VERSION4 | EXE_AMD64 | EXE_ARM64 | ICON | OUTFILE
  !error "define VERSION, VERSION4, EXE_AMD64, EXE_ARM64, ICON and OUTFILE (see the top of this file)"
!endif

!define APPNAME "Sổ tay công tác"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\sotay"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\sotay"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
Icon "${ICON}"
UninstallIcon "${ICON}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} — trình cài đặt (installer)"
VIAddVersionKey /LANG=0 "CompanyName" "Bộ Nội vụ"
VIAddVersionKey /LANG=0 "LegalCopyright" "Bộ Nội vụ"

!ifdef UNINST_SIGN
  ; Sign the uninstaller as makensis writes it (%1 is its path).
  !uninstfinalize '${UNINST_SIGN} "%1"' = 0
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\sotay.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APPNAME} (open the notebook)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

Section "sotay"
  SetOutPath "$INSTDIR"
  ; One installer for both Windows architectures: the native build.
  ${If} ${IsNativeARM64}
    File "/oname=sotay.exe" "${EXE_ARM64}"
  ${Else}
    File "/oname=sotay.exe" "${EXE_AMD64}"
  ${EndIf}
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; sotay.exe is a console program: the shortcut opens the TUI in a console
  ; window. It starts in the user's profile so exported files land there.
  SetOutPath "$PROFILE"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\sotay.exe" "" "$INSTDIR\sotay.exe" 0 SW_SHOWNORMAL "" "${APPNAME}"

  ; Add/Remove programs, for this user only.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Bộ Nội vụ"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\sotay.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; The uninstaller removes the program, its shortcut and its registration.
; The notebook (%LocalAppData%\sotay: sotay.db, attachments, the log) is the
; officer's work and stays; so does HQ's data if this machine ran one.
Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$INSTDIR\sotay.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
