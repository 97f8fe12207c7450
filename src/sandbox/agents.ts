/**
 * The agent directory: per region, three regional after-sales specialists (AG-EAST-01…), a
 * dedicated P1 desk (AG-EAST-P1-01/02), and the escalation ladder: team lead (TL-EAST-01), service
 * manager (SM-EAST-01) and after-sales director (DR-EAST-01). Staff are ids and teams only.
 */
import { Router } from 'express';
import { z } from 'zod';
import { PRIORITIES, REGIONS, type Region } from '../domain/types';
import { parse } from './http';
import type { SandboxState } from './state';

type Role = 'specialist' | 'team_lead' | 'service_manager' | 'director';
export interface DirectoryEntry { agentId: string; team: string; role: Role }

const code = (region: Region) => region.toUpperCase();
const team = (region: Region, desk: string) => `${region.toLowerCase()}-${desk}`;

/** The staff of one region. */
export function regionalStaff(region: Region) {
  const c = code(region);
  const specialist = (id: string, desk: string): DirectoryEntry => ({ agentId: id, team: team(region, desk), role: 'specialist' });
  return {
    specialists: [1, 2, 3].map((n) => specialist(`AG-${c}-0${n}`, 'aftersales')),
    dedicated: [1, 2].map((n) => specialist(`AG-${c}-P1-0${n}`, 'p1-desk')),
    team_lead: { agentId: `TL-${c}-01`, team: team(region, 'aftersales'), role: 'team_lead' } as DirectoryEntry,
    service_manager: { agentId: `SM-${c}-01`, team: team(region, 'service'), role: 'service_manager' } as DirectoryEntry,
    director: { agentId: `DR-${c}-01`, team: team(region, 'aftersales-direction'), role: 'director' } as DirectoryEntry,
  };
}

/** The same case always lands on the same person (a retried lookup changes nothing). */
function pick<T>(list: T[], caseId: string): T {
  let h = 7;
  for (const ch of caseId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return list[h % list.length] as T;
}

const assignmentQuery = z.object({
  caseId: z.string().min(1).max(128),
  region: z.enum(REGIONS),
  priority: z.enum(PRIORITIES),
  dedicated: z.enum(['true', 'false']).default('false'),
});
const contactQuery = z.object({
  caseId: z.string().min(1).max(128),
  region: z.enum(REGIONS),
  role: z.enum(['specialist', 'team_lead', 'service_manager', 'director']),
});

export function agentsRouter(_state: SandboxState): Router {
  const router = Router();

  /** The regional specialist for a case; `dedicated=true` picks from the P1 desk. */
  router.get('/specialists/assignment', (req, res) => {
    const q = parse(assignmentQuery, req.query);
    const staff = regionalStaff(q.region);
    res.json(pick(q.dedicated === 'true' ? staff.dedicated : staff.specialists, q.caseId));
  });

  /** Who holds a rung of the region's escalation ladder. */
  router.get('/escalation-contacts', (req, res) => {
    const q = parse(contactQuery, req.query);
    const staff = regionalStaff(q.region);
    res.json(q.role === 'specialist' ? pick(staff.specialists, q.caseId) : staff[q.role]);
  });

  return router;
}
