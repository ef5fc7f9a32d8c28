/** The template tests (templatesSuite.ts) on the default n8n, 2.41.1 on Node 24. */
import { templateTests } from './templatesSuite';

templateTests();
