// tierdesk.Policy, tierdesk.Event and the clocks compute_clocks returns.
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "module_convert.hpp"
#include "module_parts.hpp"
#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_json.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk::python {

namespace {

using std::chrono::seconds;

// The StrEnum types, created once by init_sla.
py::object metric_enum;
py::object event_kind_enum;
py::object clock_state_enum;

// One clock with the names its policy gives it.
struct ClockView {
  Clock clock;
  std::string calendar;
  std::size_t warning_levels = 0;
};

// A ticket's clocks with the policy that names their priorities, categories and OLA rows.
struct ClocksView {
  TicketClocks clocks;
  SlaPolicy policy;
};

ClockView view(const Clock& c, const SlaPolicy& policy) {
  return {c, std::string(policy.calendar_name(c.calendar)), policy.warnings_permille().size()};
}

std::string name_or_empty(const std::vector<std::string>& names, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= names.size()) return {};
  return names[static_cast<std::size_t>(index)];
}

py::object priority_name(const ClocksView& v) {
  const std::string name = name_or_empty(v.policy.spec().priorities, v.clocks.priority);
  if (name.empty()) return py::none();
  return py::str(name);
}

py::object category_name(const ClocksView& v) {
  const auto& categories = v.policy.spec().categories;
  if (v.clocks.category < 0 || static_cast<std::size_t>(v.clocks.category) >= categories.size()) {
    return py::none();
  }
  return py::str(categories[static_cast<std::size_t>(v.clocks.category)].name);
}

py::dict metric_clocks(const ClocksView& v) {
  py::dict out;
  for (std::size_t i = 0; i < metric_count; ++i) {
    const auto metric = static_cast<Metric>(i);
    out[enum_member(metric_enum, to_string(metric))] = view(v.clocks[metric], v.policy);
  }
  return out;
}

py::dict ola_clocks(const ClocksView& v) {
  py::dict out;
  for (const OlaTarget& row : v.policy.spec().ola) {
    const int index = v.policy.ola_index(row.tier);
    if (index < 0) continue;
    out[py::str(row.tier)] = view(v.clocks.ola[static_cast<std::size_t>(index)], v.policy);
  }
  return out;
}

std::vector<TicketEvent> events_from(const py::iterable& events) {
  std::vector<TicketEvent> out;
  std::size_t i = 0;
  for (py::handle e : events) {
    if (!py::isinstance<TicketEvent>(e)) {
      const std::string type_name = py::str(py::type::handle_of(e).attr("__name__"));
      throw py::type_error(
          fmt::format("events[{}]: got {}, expected a tierdesk.Event", i, type_name));
    }
    out.push_back(e.cast<TicketEvent>());
    ++i;
  }
  return out;
}

ClocksView compute(const py::iterable& events, const SlaPolicy& policy, py::handle now) {
  const std::vector<TicketEvent> history = events_from(events);
  const Instant at = to_instant(now, "now");
  Result<TicketClocks> clocks = [&] {
    py::gil_scoped_release release;
    return compute_clocks(history, policy, at);
  }();
  return {unwrap(std::move(clocks)), policy};
}

std::string clock_repr(const ClockView& v) {
  const Clock& c = v.clock;
  std::string out = fmt::format("Clock(state='{}'", to_string(c.state));
  if (c.target.count() != 0) {
    out += fmt::format(", target={}, elapsed={}, calendar='{}'", format_duration(c.target),
                       format_duration(c.elapsed), v.calendar);
  }
  if (c.due) out += fmt::format(", due={}", format_utc(*c.due));
  if (c.met_at) out += fmt::format(", met_at={}", format_utc(*c.met_at));
  return out + ")";
}

std::vector<std::string_view> names_of(std::string_view (*name)(EventKind) noexcept) {
  std::vector<std::string_view> out;
  for (int i = 0; i <= static_cast<int>(EventKind::urgent); ++i) {
    out.push_back(name(static_cast<EventKind>(i)));
  }
  return out;
}

void init_enums(py::module_& m) {
  std::vector<std::string_view> metrics;
  for (std::size_t i = 0; i < metric_count; ++i) metrics.push_back(to_string(static_cast<Metric>(i)));
  metric_enum = make_str_enum(m, "Metric", metrics);
  event_kind_enum = make_str_enum(m, "EventKind", names_of(&to_string));
  std::vector<std::string_view> states;
  for (int i = 0; i <= static_cast<int>(ClockState::breached); ++i) {
    states.push_back(to_string(static_cast<ClockState>(i)));
  }
  clock_state_enum = make_str_enum(m, "ClockState", states);
}

}  // namespace

void init_sla(py::module_& m) {
  init_enums(m);

  py::class_<TicketEvent>(m, "Event", "One event of a ticket's history, as the SLA engine sees it.")
      .def(py::init([](py::handle at, std::string_view kind, std::string value) {
             return TicketEvent{to_instant(at, "at"), unwrap(parse_event_kind(kind)),
                                std::move(value)};
           }),
           py::arg("at"), py::arg("kind"), py::arg("value") = "",
           "kind: an EventKind or its name ('created', 'priority', …); value: the new status, "
           "priority, category or tier for those kinds.")
      .def_property_readonly("at", [](const TicketEvent& e) { return from_instant(e.at); })
      .def_property_readonly(
          "kind", [](const TicketEvent& e) { return enum_member(event_kind_enum, to_string(e.kind)); })
      .def_property_readonly("value", [](const TicketEvent& e) { return e.value; })
      .def("__eq__", [](const TicketEvent& a, const TicketEvent& b) { return a == b; })
      .def("__repr__", [](const TicketEvent& e) {
        return e.value.empty()
                   ? fmt::format("Event({}, '{}')", format_utc(e.at), to_string(e.kind))
                   : fmt::format("Event({}, '{}', '{}')", format_utc(e.at), to_string(e.kind),
                                 e.value);
      });

  py::class_<SlaPolicy>(m, "Policy", "An SLA policy with its calendars (docs/sla.md).")
      .def_static(
          "from_json",
          [](std::string_view json, const std::filesystem::path& base_dir) {
            return unwrap(load_policy(json, base_dir));
          },
          py::arg("json"), py::arg("base_dir") = std::filesystem::path("."),
          "The policy in a JSON text; calendar files it names are read relative to base_dir.")
      .def_static(
          "from_file",
          [](const std::filesystem::path& path) { return unwrap(load_policy_file(path)); },
          py::arg("path"))
      .def_property_readonly("name", [](const SlaPolicy& p) { return p.spec().name; })
      .def_property_readonly("priorities", [](const SlaPolicy& p) { return p.spec().priorities; },
                             "Priority names, most urgent first.")
      .def_property_readonly("default_priority",
                             [](const SlaPolicy& p) { return p.spec().default_priority; })
      .def_property_readonly("categories", [](const SlaPolicy& p) {
        std::vector<std::string> out;
        for (const CategorySpec& c : p.spec().categories) out.push_back(c.name);
        return out;
      })
      .def_property_readonly("pause_statuses",
                             [](const SlaPolicy& p) { return p.spec().pause_statuses; })
      .def(
          "clocks",
          [](const SlaPolicy& p, const py::iterable& events, py::handle now) {
            return compute(events, p, now);
          },
          py::arg("events"), py::arg("now"), "compute_clocks(events, self, now).")
      .def(
          "clocks_json",
          [](const SlaPolicy& p, std::string_view line, py::handle now) {
            return ClocksView{unwrap(compute_clocks_json(line, p, to_instant(now, "now"))), p};
          },
          py::arg("line"), py::arg("now"),
          "The clocks of a ticket line as `tierdesk sla eval` reads it (docs/sla.md).")
      .def("__repr__", [](const SlaPolicy& p) {
        return fmt::format("<tierdesk.Policy '{}' priorities={}>", p.spec().name,
                           p.spec().priorities.size());
      });

  py::class_<ClockView>(m, "Clock", "One SLA clock as of the `now` it was computed for.")
      .def_property_readonly(
          "state", [](const ClockView& v) { return enum_member(clock_state_enum, to_string(v.clock.state)); })
      .def_property_readonly("calendar", [](const ClockView& v) { return v.calendar; },
                             "The name of the target's calendar ('' is 24/7 UTC).")
      .def_property_readonly("target", [](const ClockView& v) { return from_seconds(v.clock.target); })
      .def_property_readonly("elapsed", [](const ClockView& v) { return from_seconds(v.clock.elapsed); })
      .def_property_readonly("remaining",
                             [](const ClockView& v) { return from_seconds(v.clock.remaining); })
      .def_property_readonly("started_at",
                             [](const ClockView& v) { return from_optional_instant(v.clock.started_at); })
      .def_property_readonly("due", [](const ClockView& v) { return from_optional_instant(v.clock.due); })
      .def_property_readonly("met_at",
                             [](const ClockView& v) { return from_optional_instant(v.clock.met_at); })
      .def_property_readonly(
          "breached_at", [](const ClockView& v) { return from_optional_instant(v.clock.breached_at); })
      .def_property_readonly(
          "warnings",
          [](const ClockView& v) {
            py::list out;
            for (std::size_t i = 0; i < v.warning_levels && i < max_warnings; ++i) {
              out.append(from_optional_instant(v.clock.warnings[i]));
            }
            return out;
          },
          "Per policy warning level: when it was or will be reached (None when not).")
      .def_property_readonly("cycles", [](const ClockView& v) { return v.clock.cycles; })
      .def_property_readonly("breaches", [](const ClockView& v) { return v.clock.breaches; })
      .def_property_readonly("is_open", [](const ClockView& v) { return v.clock.is_open(); })
      .def("__repr__", &clock_repr);

  py::class_<ClocksView>(m, "TicketClocks", "All clocks of one ticket.")
      .def_property_readonly("clocks", &metric_clocks, "{Metric: Clock} for the four metrics.")
      .def_property_readonly("ola", &ola_clocks, "{tier name: Clock} for the policy's OLA rows.")
      .def_property_readonly("priority", &priority_name, "The effective priority's name.")
      .def_property_readonly("category", &category_name)
      .def_property_readonly(
          "jourfixe_slot", [](const ClocksView& v) { return from_optional_instant(v.clocks.jourfixe_slot); })
      .def_property_readonly(
          "next_due", [](const ClocksView& v) { return from_optional_instant(v.clocks.next_due()); },
          "The earliest due instant among the running clocks.")
      .def(
          "__getitem__",
          [](const ClocksView& v, std::string_view metric) {
            return view(v.clocks[unwrap(parse_metric(metric))], v.policy);
          },
          py::arg("metric"))
      .def("to_json", [](const ClocksView& v) { return to_json(v.clocks, v.policy); })
      .def("__repr__", [](const ClocksView& v) {
        std::string out = "<tierdesk.TicketClocks";
        for (std::size_t i = 0; i < metric_count; ++i) {
          const Clock& c = v.clocks.clocks[i];
          if (c.state != ClockState::inactive) {
            out += fmt::format(" {}={}", to_string(static_cast<Metric>(i)), to_string(c.state));
          }
        }
        return out + ">";
      });

  m.def("compute_clocks", &compute, py::arg("events"), py::arg("policy"), py::arg("now"),
        "The SLA clocks of a ticket's events as of now (events after now are not applied).");
  m.def(
      "parse_duration",
      [](std::string_view text) { return from_seconds(unwrap(parse_duration(text))); },
      py::arg("text"), "'1h30m' → timedelta(hours=1, minutes=30).");
  m.def(
      "format_duration",
      [](py::handle d) { return format_duration(to_seconds(d, "duration")); }, py::arg("duration"));
}

}  // namespace tierdesk::python
