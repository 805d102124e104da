import { seedDemoPlatform } from '../seed/demo-platform';
import { runCommand } from './cli';

void runCommand('seed', seedDemoPlatform);
