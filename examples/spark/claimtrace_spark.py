#!/usr/bin/env python3
"""Check a batch of drafts against an archive index with Spark.

Drafts are independent and an index is read-only while a check reads it,
so a batch of drafts is split into Spark partitions and each partition is
checked by the `claimtrace` binary on the executor that holds it:

    drafts (a folder, or Parquet with path and text columns)
      -> partitions -> on each executor, each batch of drafts is written
         to a fresh folder and checked there with
         `claimtrace check DRAFT... --index INDEX --format json`
      -> the audit split per draft -> Parquet (path, version, audit)

Each output row holds a draft's relative path, the audit's `version`, and
the draft's object of the audit's `documents` exactly as `claimtrace check`
printed it, with the indentation it had inside the array removed, so that
it stands alone. A check of the same drafts in one process, run from the
folder they are relative to, prints the same objects byte for byte.

Exit status 1 (findings) is the expected outcome of a check and never
fails a task; any other status (2: a draft that cannot be read, an index
that is refused) fails the task with claimtrace's message, and Spark's
retries then fail the job.

    spark-submit examples/spark/claimtrace_spark.py \\
        --drafts drafts/ --index /mnt/archive-index \\
        --claimtrace /opt/claimtrace/bin/claimtrace --output audits.parquet

The binary and the index are taken from where the arguments say; a name
that is not there is looked for among the files Spark ships to every node
(`spark-submit --files claimtrace --archives archive-index.tar.gz#idx`,
then `--claimtrace claimtrace --index idx`). The archive folder the index
was built from must be readable at the same absolute path on every node:
a check reads the archive files it selects. See the README's "Running
checks on Spark".
"""

import argparse
import json
import os
import posixpath
import shutil
import stat
import subprocess
import sys
import tempfile

# Draft files a folder input reads, as `claimtrace check FOLDER` does.
DRAFT_GLOB = "*.{md,markdown,txt}"
# The settings file the check folder holds (see `--config`).
CONFIG_NAME = "claimtrace.toml"
# The index's record of what it was built from (see the README).
MANIFEST_NAME = "claimtrace-index.json"


def split_audit(text):
    """The audit `text` (`claimtrace check --format json`) split per draft.

    Returns `(version, [(path, document_text)])`, where `document_text` is
    the slice of `text` holding the draft's object of `documents`, the
    indentation of its place in the array taken off every line after the
    first (a JSON string holds no raw line break, so every line break is
    the printer's). Raises ValueError when `text` is not such an audit.
    """
    audit = json.loads(text)
    if not isinstance(audit, dict) or not isinstance(audit.get("documents"), list):
        raise ValueError("not a claimtrace audit: no `documents` array")
    decoder = json.JSONDecoder()
    ws = " \t\r\n"

    def skip(at):
        while at < len(text) and text[at] in ws:
            at += 1
        return at

    def expect(at, char):
        at = skip(at)
        if text[at : at + 1] != char:
            raise ValueError(f"audit: expected {char!r} at byte {at}")
        return at + 1

    slices = None
    at = expect(0, "{")
    while True:
        at = skip(at)
        if text[at : at + 1] == "}":
            break
        key, at = decoder.raw_decode(text, at)
        at = expect(at, ":")
        at = skip(at)
        if key == "documents":
            slices = []
            at = expect(at, "[")
            at = skip(at)
            if text[at : at + 1] == "]":
                at += 1
            else:
                while True:
                    at = skip(at)
                    start = at
                    _, at = decoder.raw_decode(text, at)
                    slices.append((start, at))
                    at = skip(at)
                    if text[at : at + 1] == ",":
                        at += 1
                        continue
                    at = expect(at, "]")
                    break
        else:
            _, at = decoder.raw_decode(text, at)
        at = skip(at)
        if text[at : at + 1] == ",":
            at += 1
    if slices is None or len(slices) != len(audit["documents"]):
        raise ValueError("audit: the documents array could not be read")

    drafts = []
    for (start, end), document in zip(slices, audit["documents"]):
        indent = start - (text.rfind("\n", 0, start) + 1)
        lines = text[start:end].split("\n")
        for i in range(1, len(lines)):
            if lines[i][:indent].strip(" ") == "":
                lines[i] = lines[i][indent:]
        standalone = "\n".join(lines)
        if json.loads(standalone) != document:
            raise ValueError(f"audit: the object of {document.get('path')!r} changed when cut out")
        drafts.append((document["path"], standalone))
    return audit.get("version"), drafts


def relative_name(path):
    """`path` as the relative, `/`-separated name a draft is checked under.

    Refuses what could write outside the check folder or name two drafts
    alike: an absolute path, `..`, an empty name, the settings file.
    """
    name = path.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ValueError(f"draft path {path!r} is absolute; give paths relative to the drafts' root")
    name = posixpath.normpath(name)
    if name in (".", "") or name == ".." or name.startswith("../"):
        raise ValueError(f"draft path {path!r} does not name a file below the drafts' root")
    if name == CONFIG_NAME:
        raise ValueError(f"draft path {path!r} is the settings file's name")
    return name


def locate(name, what):
    """The file or folder `name` on this node: as given, else shipped by
    Spark under that name, else (a bare name) a program on PATH."""
    if os.path.exists(name):
        return os.path.abspath(name)
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(name.rstrip("/")))
    except Exception:  # no SparkContext here (a plain Python run)
        shipped = None
    if shipped and os.path.exists(shipped):
        return os.path.abspath(shipped)
    on_path = shutil.which(name) if os.sep not in name else None
    if on_path:
        return on_path
    raise FileNotFoundError(
        f"{what} {name!r} is neither on this node nor shipped with --files/--archives"
    )


def executable(path):
    """`path`, or a copy of it that may be run (a shipped file may come without its mode)."""
    if os.access(path, os.X_OK):
        return path
    copy = os.path.join(tempfile.mkdtemp(prefix="claimtrace-bin-"), os.path.basename(path))
    shutil.copyfile(path, copy)
    os.chmod(copy, os.stat(copy).st_mode | stat.S_IXUSR | stat.S_IRUSR)
    return copy


def index_on_this_node(index):
    """`index`, once its archive folder is known to be readable here.

    A check reads the archive files it selects from the folder the index
    was built from; without it every draft would be checked against
    nothing, with only a warning. Better to stop.
    """
    manifest_path = os.path.join(index, MANIFEST_NAME)
    try:
        with open(manifest_path, encoding="utf-8") as f:
            archive = json.load(f).get("archive")
    except (OSError, ValueError) as error:
        raise RuntimeError(f"{index} is not a claimtrace index: {error}") from error
    if not archive or not os.path.isdir(archive):
        raise RuntimeError(
            f"the archive {archive!r} that the index {index} was built from is not a folder on "
            "this node; mount it at the same absolute path on every node"
        )
    return index


def environment():
    """The check's environment: this task's cores for claimtrace's threads.

    claimtrace spreads a large batch over a pool of threads (rayon's, which
    reads RAYON_NUM_THREADS) as wide as the machine; an executor already
    runs a task on each of its cores, so each check gets the cores Spark
    gave its task (`spark.task.cpus`, 1 by default), unless the variable is
    set (`spark.executorEnv.RAYON_NUM_THREADS`). The output is the same
    whatever the number.
    """
    env = dict(os.environ)
    if "RAYON_NUM_THREADS" not in env:
        try:
            from pyspark import TaskContext

            context = TaskContext.get()
            if context is not None:
                env["RAYON_NUM_THREADS"] = str(max(1, context.cpus()))
        except Exception:  # not in a Spark task, or a PySpark without cpus()
            pass
    return env


def check_batch(drafts, binary, index, config, check_args):
    """Checks `drafts` ([(path, bytes)]) in one `claimtrace check`: the rows
    (path, version, audit), once the batch's folder is removed."""
    with tempfile.TemporaryDirectory(prefix="claimtrace-spark-") as folder:
        # The folder is the run's root: its own settings file stops
        # claimtrace from reading one from a folder above it.
        if config is None:
            open(os.path.join(folder, CONFIG_NAME), "wb").close()
        else:
            shutil.copyfile(config, os.path.join(folder, CONFIG_NAME))
        names = []
        for path, content in drafts:
            name = relative_name(path)
            target = os.path.join(folder, *name.split("/"))
            if os.path.lexists(target):
                raise ValueError(f"draft path {path!r} given twice")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(content)
            names.append(name)
        command = [binary, "check", *names, "--index", index, "--format", "json", *check_args]
        run = subprocess.run(command, cwd=folder, capture_output=True, env=environment())
        if run.returncode not in (0, 1):
            message = run.stderr.decode("utf-8", "replace").strip()
            raise RuntimeError(f"claimtrace check exited with status {run.returncode}: {message}")
        version, checked = split_audit(run.stdout.decode("utf-8"))
        if sorted(path for path, _ in checked) != sorted(names):
            raise RuntimeError(
                "claimtrace check did not report every draft it was given: "
                f"{sorted(set(names) - {p for p, _ in checked})}"
            )
    return [(path, version, document) for path, document in checked]


def check_partition(rows, binary, index, config, check_args, batch_size):
    """The rows of one partition ((path, bytes)), checked `batch_size` at a time."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    binary = executable(locate(binary, "the claimtrace binary"))
    index = index_on_this_node(locate(index, "the index"))
    config = locate(config, "the settings file") if config else None
    batch = [first]
    for row in rows:
        if len(batch) >= batch_size:
            yield from check_batch(batch, binary, index, config, check_args)
            batch = []
        batch.append(row)
    yield from check_batch(batch, binary, index, config, check_args)


def read_drafts(spark, args):
    """The drafts as an RDD of (relative path, bytes), in `--partitions`
    partitions when that is given."""
    parquet = args.input == "parquet" or (
        args.input == "auto" and args.drafts.rstrip("/").endswith(".parquet")
    )
    if parquet:
        frame = spark.read.parquet(args.drafts).select(args.path_column, args.text_column)
        prefix = ""
    else:
        # A folder: every .md, .markdown and .txt file below it, as bytes
        # (so encodings, byte order marks and line ends reach claimtrace
        # as they are), named by its path relative to the folder.
        root = spark._jvm.org.apache.hadoop.fs.Path(args.drafts)
        filesystem = root.getFileSystem(spark._jsc.hadoopConfiguration())
        prefix = filesystem.makeQualified(root).toString().rstrip("/") + "/"
        frame = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", DRAFT_GLOB)
            .load(args.drafts)
            .select("path", "content")
        )
    if args.partitions:
        # Row by row, round robin (an RDD's repartition moves batches).
        frame = frame.repartition(args.partitions)

    def as_draft(row):
        path, text = row[0], row[1]
        if prefix:
            if not path.startswith(prefix):
                raise ValueError(f"{path} is not below {prefix}")
            path = path[len(prefix) :]
        return (path, text.encode("utf-8") if isinstance(text, str) else bytes(text))

    return frame.rdd.map(as_draft)


def arguments(argv):
    parser = argparse.ArgumentParser(
        description="Check drafts against a claimtrace archive index with Spark; write the audits to Parquet."
    )
    parser.add_argument("--drafts", required=True, help="a folder of drafts, or a Parquet file or folder")
    parser.add_argument("--input", choices=["auto", "folder", "parquet"], default="auto",
                        help="how to read --drafts (auto: Parquet when its name ends in .parquet)")
    parser.add_argument("--path-column", default="path", help="Parquet input: the draft's relative path")
    parser.add_argument("--text-column", default="text", help="Parquet input: the draft's text (string or binary)")
    parser.add_argument("--index", required=True,
                        help="the index folder on every node, or the name it is shipped under (--archives)")
    parser.add_argument("--claimtrace", default="claimtrace",
                        help="the claimtrace binary on every node, or the name it is shipped under (--files)")
    parser.add_argument("--config", help="a claimtrace.toml every check reads (shipped or on every node)")
    parser.add_argument("--check-arg", action="append", default=[], metavar="ARG",
                        help="one more argument for `claimtrace check` (repeatable), e.g. --check-arg=--strict-quotes")
    parser.add_argument("--output", required=True, help="where the audits' Parquet is written")
    parser.add_argument("--mode", default="errorifexists", choices=["errorifexists", "overwrite"],
                        help="when --output exists")
    parser.add_argument("--partitions", type=int, help="repartition the drafts into this many partitions")
    parser.add_argument("--batch-size", type=int, default=1000,
                        help="drafts per `claimtrace check` within a partition (default 1000)")
    args = parser.parse_args(argv)
    for arg in args.check_arg:
        if arg.split("=")[0] in ("--format", "--output", "--index", "--diff", "--source"):
            parser.error(f"--check-arg {arg}: the job sets that itself or cannot ship it")
    if args.batch_size < 1 or (args.partitions is not None and args.partitions < 1):
        parser.error("--batch-size and --partitions must be at least 1")
    return args


def main(argv=None):
    args = arguments(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    spark = SparkSession.builder.appName("claimtrace check").getOrCreate()
    drafts = read_drafts(spark, args)
    binary, index, config = args.claimtrace, args.index, args.config
    check_args, batch_size = list(args.check_arg), args.batch_size
    audits = drafts.mapPartitions(
        lambda rows: check_partition(rows, binary, index, config, check_args, batch_size)
    )
    schema = StructType([
        StructField("path", StringType(), False),
        StructField("version", IntegerType(), True),
        StructField("audit", StringType(), False),
    ])
    spark.createDataFrame(audits, schema).write.mode(args.mode).parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
