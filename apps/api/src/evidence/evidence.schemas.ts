/** The contract of an uploaded evidence file. */
import { z } from 'zod';
import { component, int, text } from '../http/schema';

export const EvidenceFile = component(
  'EvidenceFile',
  z.object({
    id: z.uuid(),
    url: text('/api/evidence/{id}: cite it in a task submission'),
    name: z.string(),
    contentType: z.string(),
    size: int('bytes'),
    sha256: z.string(),
    unitCode: text('the unit the file is for'),
  }),
);
