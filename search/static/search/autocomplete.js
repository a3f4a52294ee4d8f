/*
 * Search suggestions for the site's search boxes (progressive enhancement).
 *
 * Without this script the boxes are plain GET forms. With it, typing two or more
 * letters asks /search/autocomplete/?q=… for titles and names and lists them under
 * the box as an ARIA 1.2 combobox: arrow keys move through the suggestions, Enter
 * opens the chosen one (or searches as usual when none is chosen), Escape closes.
 * Everything is set with textContent: nothing from the server becomes markup.
 */
(function () {
    "use strict";

    var DELAY_MS = 150;
    var MIN_CHARS = 2;
    var counter = 0;

    function enhance(input) {
        if (input.dataset.searchEnhanced) {
            return;
        }
        var form = input.form;
        if (!form || !window.fetch || !window.URL) {
            return;
        }
        input.dataset.searchEnhanced = "1";
        counter += 1;
        var endpoint = input.dataset.autocompleteUrl || new URL("autocomplete/", form.action).pathname;
        var listId = "search-suggestions-" + counter;

        var wrapper = document.createElement("div");
        wrapper.className = "search-combobox";
        input.parentNode.insertBefore(wrapper, input);
        wrapper.appendChild(input);

        var list = document.createElement("ul");
        list.id = listId;
        list.className = "search-combobox__list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggestions");
        list.hidden = true;
        wrapper.appendChild(list);

        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        wrapper.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        input.setAttribute("autocomplete", "off");

        var items = [];
        var active = -1;
        var timer = null;
        var controller = null;
        var cache = new Map();
        var lastQuery = "";

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function setActive(index) {
            var options = list.children;
            if (active >= 0 && options[active]) {
                options[active].setAttribute("aria-selected", "false");
            }
            active = index;
            if (active >= 0 && options[active]) {
                options[active].setAttribute("aria-selected", "true");
                input.setAttribute("aria-activedescendant", options[active].id);
                options[active].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(results) {
            items = results;
            list.textContent = "";
            active = -1;
            results.forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.className = "search-combobox__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                var title = document.createElement("span");
                title.className = "search-combobox__title";
                title.textContent = item.title;
                var label = document.createElement("span");
                label.className = "search-combobox__type";
                label.textContent = item.label;
                option.appendChild(title);
                option.appendChild(document.createTextNode(" "));
                option.appendChild(label);
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep focus in the box until we navigate
                });
                option.addEventListener("click", function () {
                    go(index);
                });
                list.appendChild(option);
            });
            if (results.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = results.length + (results.length === 1 ? " suggestion" : " suggestions") + ". Use the up and down arrows to choose.";
            } else {
                close();
                status.textContent = "";
            }
        }

        function go(index) {
            var item = items[index];
            if (item && typeof item.url === "string" && item.url.charAt(0) === "/" && item.url.charAt(1) !== "/") {
                window.location.assign(item.url);
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            lastQuery = query;
            if (query.length < MIN_CHARS) {
                render([]);
                return;
            }
            if (cache.has(query)) {
                render(cache.get(query));
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = window.AbortController ? new AbortController() : null;
            var url = endpoint + "?q=" + encodeURIComponent(query);
            fetch(url, {
                headers: { Accept: "application/json" },
                credentials: "same-origin",
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("HTTP " + response.status);
                    }
                    return response.json();
                })
                .then(function (data) {
                    var results = Array.isArray(data.results) ? data.results : [];
                    cache.set(query, results);
                    if (input.value.trim() === lastQuery) {
                        render(results);
                    }
                })
                .catch(function () {
                    // Offline, aborted or an error: the plain search form still works.
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden && items.length > 0;
            if (event.key === "ArrowDown") {
                if (!open) {
                    fetchSuggestions();
                    return;
                }
                event.preventDefault();
                setActive(active + 1 >= items.length ? 0 : active + 1);
            } else if (event.key === "ArrowUp") {
                if (!open) {
                    return;
                }
                event.preventDefault();
                setActive(active - 1 < 0 ? items.length - 1 : active - 1);
            } else if (event.key === "Enter") {
                if (open && active >= 0) {
                    event.preventDefault();
                    go(active);
                }
                // Otherwise the form submits: a full search.
            } else if (event.key === "Escape") {
                if (open) {
                    event.preventDefault();
                    close();
                }
            } else if (event.key === "Tab") {
                close();
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 100);
        });
    }

    function init() {
        var inputs = document.querySelectorAll('form[role="search"] input[type="search"][name="query"]');
        Array.prototype.forEach.call(inputs, enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
