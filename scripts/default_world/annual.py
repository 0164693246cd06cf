# Prints each item's baseline world output, USD bn per year (the catalogue table of docs/DEFAULT_WORLD.md).
import os, sys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import check_world_data as c
doc,_=c.resolve(os.path.join(ROOT, 'scenarios', 'data', 'world.yaml')); w=doc['world']
ids=[i['id'] for i in w['items']]; idx={k:n for n,k in enumerate(ids)}; n=len(ids)
A=[[0.0]*n for _ in range(n)]
for it in w['items']:
  for k,v in (it.get('recipe') or {}).items(): A[idx[k]][idx[it['id']]]=v
f=[0.0]*n
for s in w['states']:
  for k,v in s['final_demand'].items(): f[idx[k]]+=v
x=c.leontief_output(ids,A,f)
out={k:x[idx[k]]*12 for k in ids}
if __name__=='__main__':
  for k in ids: print(f"{k:34s} {out[k]:10.1f}")
  print('chips', round(sum(out[k] for k in ['logic_chips_advanced','logic_chips_mature','memory_chips','analog_discrete_chips','high_end_fpgas_adcs','ai_accelerators','high_bandwidth_memory'])))
  print('equipment', round(sum(out[k] for k in [k for k in ids if k.startswith(('lithography_','deposition_equipment','etch_clean_equipment','process_control_equipment')) or k=='other_semiconductor_equipment'])))
