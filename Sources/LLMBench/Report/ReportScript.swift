/// The page's only script, inline and optional: hover values from the points' data attributes
/// and series toggles (a legend entry hides or shows its series). Without it the page is
/// complete; the SVG `<title>`s give hover text.
enum ReportScript {
    static let source = """
        (function(){
        var tip=document.createElement('div');tip.className='tip';tip.hidden=true;document.body.appendChild(tip);
        function text(el){
        var t=el.getAttribute('data-t');
        if(t!==null){var p=t.split(',');var g=el.querySelector('title');
        return (g?g.textContent+' \\u00b7 ':'')+'send '+p[0]+' s'+(p[1]?', first token '+p[1]+' s':'')+', end '+p[2]+' s';}
        var x=el.getAttribute('data-x');if(x===null)return null;
        var s=el.closest('g.series');var n=s?s.getAttribute('data-series'):'';
        var own=el.querySelector('title');if(own)return own.textContent;
        var e=el.getAttribute('data-x-end');
        return n+': x '+x+(e!==null?'\\u2013'+e:'')+', y '+el.getAttribute('data-y');}
        document.addEventListener('mouseover',function(ev){
        var el=ev.target.closest?ev.target.closest('[data-x],[data-t]'):null;
        var v=el?text(el):null;if(v===null){tip.hidden=true;return;}
        tip.textContent=v;tip.hidden=false;});
        document.addEventListener('mousemove',function(ev){
        if(tip.hidden)return;tip.style.left=Math.min(ev.clientX+14,window.innerWidth-tip.offsetWidth-4)+'px';tip.style.top=(ev.clientY+14)+'px';});
        function toggle(item){
        var svg=item.closest('svg');var i=item.getAttribute('data-series-index');
        var g=svg&&svg.querySelector('g.series[data-index="'+i+'"]');if(!g)return;
        var hidden=g.classList.toggle('is-hidden');item.classList.toggle('is-hidden',hidden);item.setAttribute('aria-pressed',hidden?'false':'true');}
        document.querySelectorAll('.legend-item[data-series-index]').forEach(function(item){
        item.setAttribute('tabindex','0');item.setAttribute('role','button');item.setAttribute('aria-pressed','true');
        item.addEventListener('click',function(){toggle(item);});
        item.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();toggle(item);}});});
        })();
        """
}
