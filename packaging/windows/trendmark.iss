; Inno Setup 6 script: a per-user or per-machine installer for the PyInstaller folder.
;
; Build on Windows, from the repository root, after the frozen folder exists:
;   py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\pyinstaller\trendmark.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\trendmark.iss
; The installer is written to dist\trendmark-<version>-setup.exe.
;
; Not yet built or tried on Windows (see packaging/README.md): treat as a starting point.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Trendmark"
#define SourceDir "..\..\dist\trendmark"

[Setup]
; The AppId identifies the product to Windows across versions: never change it.
AppId={{7E633AF7-EA22-46AA-AE90-7651FD8BA918}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Trendmark developers
AppPublisherURL=https://trendmark.example/
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Lets a user without administrator rights install for themselves.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=trendmark-{#AppVersion}-setup
SetupIconFile=trendmark.ico
UninstallDisplayIcon={app}\trendmark-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships no official Simplified Chinese messages; add a community
; ChineseSimplified.isl here when one is vetted.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\trendmark-gui.exe"; AppUserModelID: "io.trendmark.Trendmark"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\trendmark-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\trendmark-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
