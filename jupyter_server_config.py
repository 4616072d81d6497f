# The project's Jupyter server config, read by `lkjip lab` / `make lab` (JupyterLab at the
# project root, so data/ is reachable next to notebooks/).
c = get_config()  # noqa: F821 (given by Jupyter when it reads this file)

from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent

c.ServerApp.root_dir = str(ROOT)
c.ServerApp.ip = "127.0.0.1"
# notebooks/ is saved without outputs, counts or run-time metadata, and with its `parameters`
# cell reset (`tahun = None`): what git holds stays the same whatever was run (lkjip.tools.lab)
c.ContentsManager.pre_save_hook = "lkjip.tools.lab.pre_save"
# chapter notebooks open with their headings filled for the year ({{ tahun }} -> 2023); the
# save hook writes the substitutions back
c.ServerApp.contents_manager_class = "lkjip.tools.lab.ProjectContents"
# checkpoints under build/.lab-checkpoints/, not as .ipynb_checkpoints/ folders inside data/
c.ContentsManager.checkpoints_class = "lkjip.tools.lab.ProjectCheckpoints"
# JupyterLab defaults of the project (lab-settings/overrides.json): .md, .csv and .yaml open
# in the text editor; no news feed or update check (they call a website)
c.LabApp.app_settings_dir = str(ROOT / "lab-settings")
