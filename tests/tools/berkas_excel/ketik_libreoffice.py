"""Manual trial, not a test: type values into a workbook in LibreOffice Calc (headless), as an
analyst would at the keyboard (.uno:EnterString goes through Calc's input recognition, in
the given locale), print what Calc made of each, and save as .xlsx.

    apt-get install -y libreoffice-calc python3-uno      # not in install-system-deps.sh
    /usr/bin/python3 tests/tools/berkas_excel/ketik_libreoffice.py id-ID in.xlsx out.xlsx "komponen!D29=92,75" ...
"""
import os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def pv(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

loc, src, dst, *edits = sys.argv[1:]
prof = f"/tmp/lkjip-lo-profile-{loc}"
os.makedirs(prof + "/user", exist_ok=True)
with open(prof + "/user/registrymodifications.xcu", "w") as f:
    f.write(f'''<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{loc}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{loc}</value></prop></item>
</oor:items>''')
pipe = f"lkjip_{loc.replace('-', '_')}_{os.getpid()}"
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                         f"-env:UserInstallation=file://{prof}", f"--accept=pipe,name={pipe};urp;"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"); break
        except Exception:
            time.sleep(0.5)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (pv("Hidden", True),))
    disp = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    frame = doc.getCurrentController().getFrame()
    for e in edits:
        where, text = e.split("=", 1)
        sheet, cell = where.split("!")
        sh = doc.Sheets.getByName(sheet)
        doc.getCurrentController().setActiveSheet(sh)
        disp.executeDispatch(frame, ".uno:GoToCell", "", 0, (pv("ToPoint", cell),))
        disp.executeDispatch(frame, ".uno:EnterString", "", 0, (pv("StringName", text),))
        c = sh.getCellRangeByName(cell)
        nf = doc.NumberFormats.getByKey(c.NumberFormat)
        print(f"{where} typed {text!r}: value={c.Value!r} string={c.String!r} formula={c.Formula!r} "
              f"format={nf.FormatString!r} type={c.Type.value}")
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (pv("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    proc.wait(timeout=60)
