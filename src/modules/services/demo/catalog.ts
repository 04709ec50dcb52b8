// The whole demo catalog, in one list.
import { citizenServices } from './citizen-services.ts';
import { enterpriseServices } from './enterprise-services.ts';
import type { DemoService } from './spec.ts';

export const demoServices: DemoService[] = [...citizenServices, ...enterpriseServices];
