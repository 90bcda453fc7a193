; Inno Setup script for peerdesk on Windows (Inno Setup 6).
;
; Build the one-folder bundle first, on Windows, from the project folder:
;     py -m pip install -e ".[bundle]"
;     py -m PyInstaller --noconfirm --clean packaging\peerdesk.spec
; then make the installer (the version defaults to the one below):
;     iscc /DAppVersion=0.1.0 packaging\windows\peerdesk.iss
; The installer is written to dist\peerdesk-<version>-windows-setup.exe.
;
; Per-user install: no administrator rights, so a peer on a managed laptop can install it.
; It installs under %LOCALAPPDATA%\Programs\peerdesk, adds a Start menu shortcut (and,
; if chosen, a desktop one) and an uninstaller in "Apps and features".
;
; On purpose, uninstalling does NOT remove the notebook data folder
; (%LOCALAPPDATA%\peerdesk and the keys in Windows Credential Manager). Notebooks hold
; a peer's confidential notes: they are destroyed from inside the app, which deletes both
; copies of the key, overwrites and deletes the files, verifies, and writes a certificate
; for the manager. An uninstaller that silently deleted them would leave no record, and
; one that left them half-deleted would be worse. Nothing here touches that folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "peerdesk"
#define AppPublisher "The peerdesk developers"
#define BundleDir "..\..\dist\peerdesk"

[Setup]
; Keep this AppId for every release: it is how Windows knows an update from a new app.
AppId={{6E0C4F7A-2B1D-4C9E-9A53-7D2F1B8E4C61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\peerdesk.exe
SetupIconFile=..\icons\peerdesk.ico
OutputDir=..\..\dist
OutputBaseFilename=peerdesk-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: peerdesk.exe (windowed), peerdesk-cli.exe (console) and
; the libraries they share in _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\peerdesk.exe"; Comment: "A peer's encrypted notebook"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\peerdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\peerdesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the uninstaller removes only the files it installed.
; The notebook data folder is not removed by uninstalling (see the note at the top).
