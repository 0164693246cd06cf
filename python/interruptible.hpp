// Long work called from Python: it runs on a thread of its own with the GIL
// released, so other Python threads go on, while the calling thread wakes ten times
// a second to let Python handle signals. A Ctrl-C (KeyboardInterrupt) sets the stop
// flag the engine polls between steps, waits for the work to wind down, and raises.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace regimesim::python {

template <class Work>
auto run_interruptibly(Work work) -> decltype(work(static_cast<const std::atomic<bool>*>(nullptr))) {
  using Result = decltype(work(static_cast<const std::atomic<bool>*>(nullptr)));
  namespace py = pybind11;
  std::atomic<bool> stop{false};
  std::promise<Result> promise;
  auto future = promise.get_future();
  std::thread worker([&] {
    try {
      promise.set_value(work(&stop));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  });
  for (;;) {
    bool ready = false;
    {
      py::gil_scoped_release release;
      ready = future.wait_for(std::chrono::milliseconds(100)) == std::future_status::ready;
    }
    if (ready) break;
    if (PyErr_CheckSignals() != 0) {  // a handler raised (KeyboardInterrupt): stop, then re-raise
      stop = true;
      {
        py::gil_scoped_release release;
        worker.join();
      }
      throw py::error_already_set();
    }
  }
  worker.join();
  return future.get();
}

}  // namespace regimesim::python
