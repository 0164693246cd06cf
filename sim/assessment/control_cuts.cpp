#include "assessment/control_cuts.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace regimesim::assessment {

namespace {

std::string issuer_label(const Issuer& i) {
  switch (i.kind) {
    case Issuer::Kind::state: return i.id;
    case Issuer::Kind::coalition: return "coalition " + i.id;
    case Issuer::Kind::regime: return "regime " + i.id;
  }
  return i.id;
}

// Per link: the largest share any of `controls` denies, each at `step` (or, with
// step < 0, at its own start).
std::vector<double> denied_by_link(const ensemble::PreparedScenario& p,
                                   const std::vector<const policy::CompiledControl*>& controls, int step) {
  const engine::SupplyNetwork& net = p.network;
  std::vector<double> denied(net.link_count(), 0.0);
  for (const policy::CompiledControl* c : controls) {
    const int at = step < 0 ? c->control->start_step : step;
    if (!c->control->active_at(at)) continue;
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
      if (!c->targeted[b] && !c->treated_targeted[b]) continue;
      const double share = denied_share(*c->control, net.buyer_state[b], *c);
      if (share <= 0) continue;
      for (const std::uint32_t k : net.slots_of(b))
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
          if (c->covers(net, net.link_supplier[l], b, at)) denied[l] = std::max(denied[l], share);
    }
  }
  return denied;
}

// Denied flows summed per sector pair, as shares of the table's flows.
analysis::Cut cut_from_links(const ensemble::PreparedScenario& p, const IoAccounts& a, const std::vector<double>& denied) {
  const engine::SupplyNetwork& net = p.network;
  const auto n = static_cast<Eigen::Index>(a.states * a.items);
  std::vector<Eigen::Triplet<double>> cut_flows;
  analysis::Cut cut;
  cut.removed_final = Eigen::VectorXd::Zero(n);
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        if (denied[l] <= 0) continue;
        const FirmId s = net.link_supplier[l];
        const auto from = static_cast<Eigen::Index>(a.sector(net.buyer_state[s], net.buyer_item[s]));
        const double flow = denied[l] * p.equilibrium.link_flow[l];
        if (b >= net.firm_count)
          cut.removed_final(from) += flow;
        else
          cut_flows.emplace_back(from, static_cast<Eigen::Index>(a.sector(net.buyer_state[b], net.buyer_item[b])), flow);
      }
  analysis::SparseMatrix removed(n, n);
  removed.setFromTriplets(cut_flows.begin(), cut_flows.end());
  // flow shares: divide by the table's flow A(i,j) x_j
  for (Eigen::Index j = 0; j < removed.outerSize(); ++j)
    for (analysis::SparseMatrix::InnerIterator it(removed, j); it; ++it) {
      const double total = a.coefficients.coeff(it.row(), j) * a.output(j);
      it.valueRef() = total > 0 ? std::min(1.0, it.value() / total) : 0.0;
    }
  for (Eigen::Index i = 0; i < n; ++i)
    cut.removed_final(i) = a.final_demand(i) > 0 ? std::min(1.0, cut.removed_final(i) / a.final_demand(i)) : 0.0;
  cut.removed = std::move(removed);
  return cut;
}

}  // namespace

double denied_share(const Control& c, StateId destination, const policy::CompiledControl& compiled) {
  if (c.instrument == Instrument::quota) {
    // A quota passes its first ceiling's share of the baseline flow it covers (and,
    // licensed, only what the licences grant of that).
    double base = 0, passed = 0;
    for (ItemId i : compiled.items) {
      base += compiled.quota_base_item[i];
      passed += std::min(compiled.quota_ceiling(i, c.start_step), compiled.quota_base_item[i]);
    }
    const double granted = c.quota.licensed ? c.licensing.approval_probability : 1.0;
    return 1.0 - (base > 0 ? passed / base : 1.0) * granted;
  }
  if (!c.needs_licence()) return 1.0;
  if (compiled.exception[destination]) return 0.0;
  return 1.0 - c.licensing.approval_probability;
}

std::vector<IssuerCut> issuer_cuts(const ensemble::PreparedScenario& p, const IoAccounts& a) {
  std::vector<IssuerCut> out;
  std::vector<std::vector<const policy::CompiledControl*>> members_controls;
  for (const auto& c : p.plan.controls()) {
    const std::string label = issuer_label(c.control->issuer);
    auto it = std::find_if(out.begin(), out.end(), [&](const IssuerCut& x) { return x.issuer == label; });
    if (it == out.end()) {
      IssuerCut cut;
      cut.issuer = label;
      cut.start_step = c.control->start_step;
      cut.controlled = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(a.states * a.items));
      out.push_back(std::move(cut));
      members_controls.emplace_back();
      it = out.end() - 1;
    }
    const auto index = static_cast<std::size_t>(it - out.begin());
    members_controls[index].push_back(&c);
    it->start_step = std::min(it->start_step, c.control->start_step);
    for (StateId s = 0; s < a.states; ++s)
      for (const ItemId i : c.items)
        if (c.member_at(s, c.control->start_step)) it->controlled(static_cast<Eigen::Index>(a.sector(s, i))) = 1.0;
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    for (StateId s = 0; s < a.states; ++s)
      for (const auto* c : members_controls[k])
        if (c->member_at(s, out[k].start_step) &&
            std::find(out[k].members.begin(), out[k].members.end(), s) == out[k].members.end())
          out[k].members.push_back(s);
    std::sort(out[k].members.begin(), out[k].members.end());
    out[k].cut = cut_from_links(p, a, denied_by_link(p, members_controls[k], -1));
  }
  return out;
}

analysis::Cut scenario_cut(const ensemble::PreparedScenario& p, const IoAccounts& a, int step) {
  std::vector<const policy::CompiledControl*> all;
  for (const auto& c : p.plan.controls()) all.push_back(&c);
  return cut_from_links(p, a, denied_by_link(p, all, step));
}

std::vector<StateId> resolve_coalition(const World& w, const std::string& spec) {
  if (const Regime* r = w.find_regime(spec)) return r->members;
  if (const Coalition* c = w.find_coalition(spec)) return c->members;
  std::vector<StateId> members;
  std::stringstream in(spec);
  for (std::string code; std::getline(in, code, ',');) {
    const auto s = w.find_state(code);
    if (!s) {
      std::string valid;
      for (const auto& r : w.regimes) valid += (valid.empty() ? "" : ", ") + r.id;
      for (const auto& c : w.coalitions) valid += (valid.empty() ? "" : ", ") + c.id;
      throw std::invalid_argument("--coalition '" + spec + "': '" + code +
                                  "' is not a regime, a coalition or a state code of this world; valid: " +
                                  (valid.empty() ? std::string("") : "a regime or coalition id (" + valid + "), or ") +
                                  "state codes separated by commas" +
                                  (w.states.size() > 1 ? ", e.g. " + w.states[0].code + "," + w.states[1].code : std::string()));
    }
    members.push_back(*s);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

}  // namespace regimesim::assessment
