import type { Command } from 'commander';
import { EXIT_ROWS, exitHelp } from './exit-code.js';
import type { K8sJobCommandOptions } from './k8s-job-command.js';
import type { ShowReportOptions } from './show-report-command.js';

interface CiCommandsIo {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** `k8s-job` and `show-report`: the commands for running in CI and on clusters (each loaded when it runs). */
export function registerCiCommands(
  program: Command,
  io: CiCommandsIo,
  act: (command: string, run: () => Promise<number>) => Promise<number>,
): void {
  program
    .command('k8s-job')
    .description(
      'print a Kubernetes Indexed Job that runs the cards as N shards (one pod per index; reports and journals on a volume claim)',
    )
    .argument('[paths...]', 'card files or folders in the image (default: specs)')
    .requiredOption('--shards <n>', 'pods, one shard each (completions = parallelism = n)')
    .requiredOption('--image <image>', 'an image with cardcheck on its PATH and the cards and config in --workdir')
    .requiredOption('--target <name|url>', 'a target from the config, or a base URL')
    .option('--volume-claim <name>', 'PersistentVolumeClaim for each index’s reports and journal (shard-<index>/)')
    .option('--env-secret <name>', 'a Secret whose keys become the pods’ environment (credentials the cards read)')
    .option('--workdir <dir>', 'where the image holds the cards and cardcheck.config.yaml', '/app')
    .option('--name <name>', 'the Job’s name', 'cardcheck')
    .option('--retries <n>', 'replaced pods per index before it counts as failed (backoffLimitPerIndex)', '2')
    .option('--merge', 'print the Job that merges the shards’ reports instead (apply it once the shards are complete)')
    .addHelpText('after', `\n${exitHelp(EXIT_ROWS['k8s-job'])}\n\nSee docs/ci.md (Kubernetes) for the whole flow.`)
    .action(async (paths: string[], opts: K8sJobCommandOptions) => {
      const { k8sJobCommand } = await import('./k8s-job-command.js');
      process.exitCode = await act('k8s-job', () => k8sJobCommand(paths, opts, io));
    });

  program
    .command('show-report')
    .description(
      'open the HTML report of the last run in a browser (no desktop: print its path; --serve: serve it on 127.0.0.1)',
    )
    .argument('[dir]', 'the --out folder of a run, or its report.html (default: reports/ beside the config)')
    .option('--serve', 'serve the folder on 127.0.0.1 until Ctrl-C, and print the URL')
    .option('--port <n>', 'with --serve: the port (default: a free one)')
    .addHelpText('after', `\n${exitHelp(EXIT_ROWS['show-report'])}`)
    .action(async (dir: string | undefined, opts: ShowReportOptions) => {
      const { showReportCommand } = await import('./show-report-command.js');
      process.exitCode = await act('show-report', () =>
        showReportCommand(dir, opts, { ...io, env: process.env, platform: process.platform }),
      );
    });
}
